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

    /**
     * A server someone else started and stops, at {@code socket} (e.g. a running OpenLSA daemon's KCM socket). The
     * oracle tests expect uid 0 to have no caches there when they start.
     */
    static KcmEndpoint running(String name, Path socket) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(socket, "socket");
        return new KcmEndpoint() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Path socket() {
                return socket;
            }

            @Override
            public void close() {
                // not ours to stop
            }
        };
    }

    /**
     * The servers named by the system property {@code openlsa.kcm.endpoints}: {@code NAME=SOCKET[,NAME=SOCKET...]},
     * each {@link #running}; none if it is unset. How a server joins the comparison without a code change:
     * {@code mvn test -pl testing/interop -Dtest='Kcm*Test' -Dopenlsa.kcm.endpoints=openlsa=/run/openlsa/kcm.sock}.
     */
    static java.util.List<Server> fromSystemProperty() {
        String spec = System.getProperty("openlsa.kcm.endpoints", "").strip();
        java.util.List<Server> servers = new java.util.ArrayList<>();
        if (spec.isEmpty()) {
            return servers;
        }
        for (String entry : spec.split(",")) {
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException("openlsa.kcm.endpoints wants NAME=SOCKET[,NAME=SOCKET...], not "
                        + spec);
            }
            String name = entry.substring(0, eq).strip();
            Path socket = Path.of(entry.substring(eq + 1).strip());
            servers.add(new Server(name, () -> running(name, socket)));
        }
        return servers;
    }

    /**
     * OpenLSA's KCM service: {@code lsa serve}'s daemon (no KDC) on a fresh state directory of its own, its KCM socket
     * in that directory. Root holds SeTcbPrivilege there, so root may name another uid's cache (docs/kcm.md).
     */
    static KcmEndpoint openLsa() throws Exception {
        Path base = java.nio.file.Files.createTempDirectory("olsa-kcm-oracle-");
        java.nio.file.Files.setPosixFilePermissions(base,
                java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        Path state = base.resolve("state");
        java.io.StringWriter err = new java.io.StringWriter();
        Path pw = base.resolve("pw");
        java.nio.file.Files.writeString(pw, "Adm1n-Passw0rd!\n");
        int exit = org.openlsa.cli.Main.run(new String[] {"--state", state.toString(), "init", "--domain", "KCMORACLE",
                "--machine", "KCMHOST", "--password-file", pw.toString()}, new java.io.PrintWriter(
                new java.io.StringWriter(), true), new java.io.PrintWriter(err, true));
        if (exit != 0) {
            throw new IllegalStateException("lsa init: " + err);
        }
        org.openlsa.daemon.Lsad lsad = org.openlsa.daemon.Lsad.start(org.openlsa.daemon.LsaDaemon.Options.defaults(state),
                org.openlsa.daemon.KdcConfig.defaults().withEnabled(false),
                org.openlsa.daemon.KcmConfig.defaults(state));
        Path socket = lsad.kcm().orElseThrow().socketPath();
        return new KcmEndpoint() {
            @Override
            public String name() {
                return "openlsa";
            }

            @Override
            public Path socket() {
                return socket;
            }

            @Override
            public void close() {
                lsad.close();
                try (java.util.stream.Stream<Path> all = java.nio.file.Files.walk(base)) {
                    for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        java.nio.file.Files.deleteIfExists(p);
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
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
