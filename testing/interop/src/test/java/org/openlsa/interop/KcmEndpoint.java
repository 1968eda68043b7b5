package org.openlsa.interop;

import java.nio.file.Path;
import java.util.Objects;
import org.openlsa.peers.PeerException;
import org.openlsa.peers.SssdKcm;

/**
 * A running KCM credential-cache server the oracle tests and benchmarks drive through its Unix socket: all a client
 * needs is {@link #socket()} (MIT's {@code kcm_socket}). {@link #close()} stops it and removes its state.
 */
interface KcmEndpoint extends AutoCloseable {
    /** Short and stable: it names the parameterised test case and the transcript. */
    String name();

    Path socket();

    /** A log or state description for failure messages ("" if the server keeps none). */
    default String diagnostics() {
        return "";
    }

    @Override
    void close();

    /** Starts a fresh server (empty: no caches). */
    @FunctionalInterface
    interface Starter {
        KcmEndpoint start() throws Exception;
    }

    /** A server by name, not yet started (a parameterised test shows the name). */
    record Server(String name, Starter starter) {
        public Server {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(starter, "starter");
        }

        KcmEndpoint start() throws Exception {
            return starter.start();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Debian's sssd-kcm, private to a temp dir ({@link SssdKcm}): the reference. */
    static KcmEndpoint sssdKcm() throws PeerException {
        SssdKcm kcm = SssdKcm.start();
        return new KcmEndpoint() {
            @Override
            public String name() {
                return "sssd-kcm";
            }

            @Override
            public Path socket() {
                return kcm.socket();
            }

            @Override
            public String diagnostics() {
                return "sssd_kcm alive: " + kcm.isAlive() + "; log:\n" + kcm.log();
            }

            @Override
            public void close() {
                kcm.close();
            }
        };
    }
}
