package org.openlsa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * The realm the runas tests start from, in a directory other OS users can reach: CONTOSO initialised by root (in
 * process), and alice with her password, linked to the Unix uid given. {@link #close()} removes it all.
 */
final class RunasRealm implements AutoCloseable {
    static final String ADMIN_PW = "Adm1n-Passw0rd!";
    static final String ALICE_PW = "S3cret-Passw0rd";

    final Path base;
    final Path state;

    private RunasRealm(Path base) {
        this.base = base;
        this.state = base.resolve("state");
    }

    static RunasRealm create(String prefix, long aliceUid) throws Exception {
        Path base = Files.createTempDirectory(prefix);
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x")); // others reach the socket
        RunasRealm r = new RunasRealm(base);
        r.asRoot(ADMIN_PW, "init", "--domain", "CONTOSO", "--machine", "HOST1", "--password-file", "@pw");
        r.asRoot(ALICE_PW, "user", "add", "alice", "--uid", Long.toString(aliceUid), "--password-file", "@pw");
        return r;
    }

    /** {@code lsa --state STATE ARGS} in this JVM (root); {@code @pw} stands for a file holding {@code input}. */
    void asRoot(String input, String... args) throws Exception {
        Path pw = Files.createTempFile(base, "pw", ".txt");
        Files.writeString(pw, input + "\n");
        List<String> all = new ArrayList<>(List.of("--state", state.toString()));
        for (String a : args) {
            all.add(a.equals("@pw") ? pw.toString() : a);
        }
        StringWriter err = new StringWriter();
        assertEquals(0, Main.run(all.toArray(String[]::new), new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true)), err.toString());
    }

    @Override
    public void close() throws Exception {
        try (Stream<Path> all = Files.walk(base)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
