package org.openlsa.launch;

/**
 * How a launched program ended: it exited with a code, or a signal killed it.
 *
 * <p>The program is the JVM's direct child (the launcher's tools exec it), and the JDK folds a death by signal N
 * into the exit value 128 + N, as shells do; so a value 129..192 is read as a signal, and a program that calls
 * {@code exit(128 + N)} itself is reported as killed by N (docs/launch.md).
 */
public sealed interface ExitStatus {
    /** The program called exit with {@code code} (0..255). */
    record Exited(int code) implements ExitStatus {}

    /** A signal ended the program ({@code 9} for SIGKILL, {@code 15} for SIGTERM). */
    record Signaled(int signal) implements ExitStatus {}

    /** The status the JDK's exit value stands for. */
    static ExitStatus ofExitValue(int value) {
        return value > 128 && value <= 128 + 64 ? new Signaled(value - 128) : new Exited(value);
    }
}
