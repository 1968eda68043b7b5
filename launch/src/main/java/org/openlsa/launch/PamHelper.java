package org.openlsa.launch;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The launcher's side of the PAM session helper's status pipe ({@link PamSessionMain}): the line that says whether
 * the program started (and its pid), and the line with its exit value. The first line is the launcher's to read
 * ({@link #firstLine}); the exit line is read by the waiter once the helper has been reaped, never both at once.
 */
final class PamHelper {
    static final int SIGUSR1 = 10;

    private final BufferedReader status;
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile int programPid;

    PamHelper(BufferedReader status) {
        this.status = status;
    }

    /** The helper's first line, or empty at end of file (it died first); then the waiter may read on. */
    Optional<String> firstLine() throws IOException {
        try {
            return Optional.ofNullable(status.readLine());
        } finally {
            started.countDown();
        }
    }

    /** Lets the waiter read on without a first line (the launcher gave up waiting for it). */
    void abandon() {
        started.countDown();
    }

    void programStarted(int pid) {
        programPid = pid;
    }

    /** The program's pid once it started, else 0. */
    int programPid() {
        return programPid;
    }

    /**
     * How the program ended, from the helper's {@code X <value>} line (a value the JDK folded, so 128 + N reads as
     * signal N); the helper's own end when it wrote none (it was killed, or the program never started).
     */
    ExitStatus programExit(ExitStatus helper) {
        try {
            started.await();
            String line;
            while ((line = status.readLine()) != null) {
                if (line.startsWith("X ")) {
                    return ExitStatus.ofExitValue(Integer.parseInt(line.substring(2).strip()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall back on the helper's own status
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                status.close();
            } catch (IOException ignored) {
                // a pipe's read end
            }
        }
        return helper;
    }
}
