package org.openlsa.daemon;

import java.nio.file.Path;

import org.openlsa.core.LsaException;

/**
 * A second process for {@link StateLockTest}. {@code hold DIR}: takes the lock, prints READY, sleeps until killed.
 * {@code try DIR}: prints ACQUIRED (and exits 0) or REFUSED and the message (exit 3).
 */
public final class StateLockChild {

    private StateLockChild() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        try {
            StateLock lock = StateLock.acquire(dir);
            System.out.println("hold".equals(args[0]) ? "READY" : "ACQUIRED");
            System.out.flush();
            if ("hold".equals(args[0])) {
                Thread.sleep(Long.MAX_VALUE);
            }
            lock.close();
        } catch (LsaException e) {
            System.out.println("REFUSED " + e.getMessage());
            System.exit(3);
        }
    }
}
