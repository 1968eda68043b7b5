package org.openlsa.launch;

/**
 * How a launched program ended: it exited with a code, or a signal killed it.
 *
 * <p>The launcher reaps the program itself and reads the kernel's wait status, so the two never mix: a program that
 * calls {@code exit(200)} is {@code Exited(200)}, one killed by SIGKILL {@code Signaled(9)} (docs/launch.md).
 */
public sealed interface ExitStatus {
    /** The program called exit with {@code code} (0..255). */
    record Exited(int code) implements ExitStatus {}

    /** A signal ended the program ({@code 9} for SIGKILL, {@code 15} for SIGTERM). */
    record Signaled(int signal) implements ExitStatus {}

    /** A status from a wait status (waitpid's {@code *wstatus}): WIFEXITED, else WIFSIGNALED. */
    static ExitStatus ofWaitStatus(int status) {
        int low = status & 0x7f;
        return low == 0 ? new Exited((status >> 8) & 0xff) : new Signaled(low);
    }

    /**
     * The status a shell-style exit value stands for (the JDK's {@code Process.exitValue()}, which folds a death by
     * signal N into 128 + N): 129..192 is read as a signal. Only for values that come folded already (the PAM
     * session helper's report); the launcher itself reads wait statuses.
     */
    static ExitStatus ofExitValue(int value) {
        return value > 128 && value <= 128 + 64 ? new Signaled(value - 128) : new Exited(value);
    }
}
