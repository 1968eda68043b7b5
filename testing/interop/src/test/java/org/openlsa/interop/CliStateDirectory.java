package org.openlsa.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A throwaway state directory, made and administered with the {@code lsa} CLI in this JVM as root would, for the
 * interop tests that then serve it: {@code base} is 0755 so other users' processes reach the socket and the files
 * the tests put beside it; {@code state} is {@code base/state}. {@link #close()} deletes the whole tree.
 */
final class CliStateDirectory implements AutoCloseable {
    final Path base;
    final Path state;

    private CliStateDirectory(Path base) {
        this.base = base;
        this.state = base.resolve("state");
    }

    static CliStateDirectory create(String prefix) throws IOException {
        Path base = Files.createTempDirectory(prefix);
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new CliStateDirectory(base);
    }

    /**
     * {@code lsa --state STATE ARGS}, which must succeed; {@code @pw} stands for a file holding {@code input} (none:
     * null). Returns what it printed on standard output.
     */
    String lsa(String input, String... args) throws Exception {
        Path pw = Files.createTempFile(base, "pw", ".txt");
        try {
            Files.writeString(pw, (input == null ? "" : input) + "\n");
            List<String> all = new ArrayList<>(List.of("--state", state.toString()));
            for (String a : args) {
                all.add(a.equals("@pw") ? pw.toString() : a);
            }
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = org.openlsa.cli.Main.run(all.toArray(String[]::new), new PrintWriter(out, true),
                    new PrintWriter(err, true));
            assertEquals(0, exit, String.join(" ", args) + ": " + err);
            return out.toString();
        } finally {
            Files.deleteIfExists(pw);
        }
    }

    /** {@code lsa serve} of the directory with its KDC on a free port and no KCM service: the KDC tests' daemon. */
    org.openlsa.daemon.Lsad serveKdc() throws Exception {
        return org.openlsa.daemon.Lsad.start(org.openlsa.daemon.LsaDaemon.Options.defaults(state),
                org.openlsa.daemon.KdcConfig.defaults().withPort(0),
                org.openlsa.daemon.KcmConfig.defaults(state).withEnabled(false));
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> all = Files.walk(base)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
