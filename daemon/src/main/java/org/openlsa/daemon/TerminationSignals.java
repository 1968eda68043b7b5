package org.openlsa.daemon;

import java.lang.System.Logger.Level;

/**
 * SIGTERM and SIGINT as a request to stop cleanly. The signals are handled rather than left to the JVM's default,
 * which would exit with status 143 whatever the shutdown did, so a server can finish its shutdown and exit 0.
 */
public final class TerminationSignals {
    private static final System.Logger LOG = System.getLogger("org.openlsa.daemon");

    private TerminationSignals() {}

    /**
     * Runs {@code stop} on a new platform thread named {@code threadName} when SIGTERM or SIGINT arrives (the signal
     * dispatcher thread must not block on a shutdown). Replaces any handler installed before, in this JVM.
     */
    public static void onTermination(String threadName, Runnable stop) {
        sun.misc.SignalHandler handler = signal -> Thread.ofPlatform().name(threadName).start(() -> {
            LOG.log(Level.INFO, "SIG{0}: stopping", signal.getName());
            stop.run();
        });
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), handler);
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), handler);
    }
}
