package org.openlsa.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openlsa.core.Sid;
import org.openlsa.crypto.NtOwf;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.host.AccountStores;
import org.openlsa.host.StateLayout;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.DomainProvisioning;

/**
 * OpenLSA's KCM service for the KCM benchmark, as {@code lsa serve} runs it: {@code org.openlsa.daemon.Lsad} in a JVM
 * of its own (as sssd-kcm is a process of its own) on a fresh state directory, no KDC, the KCM socket in the
 * directory. {@link #close()} stops it (SIGTERM) and removes the directory.
 */
final class OpenLsaKcm implements AutoCloseable {
    private final Path dir;
    private final Process process;

    private OpenLsaKcm(Path dir, Process process) {
        this.dir = dir;
        this.process = process;
    }

    static OpenLsaKcm start() throws Exception {
        Path dir = Files.createTempDirectory("openlsa-kcm-bench-");
        StateLayout layout = StateLayout.of(dir);
        try (AccountStore store = AccountStores.installed().create(layout)) {
            try (SecretBytes admin = NtOwf.ntOwfV1(SecretBytes.adopt("Admin-1".getBytes(StandardCharsets.UTF_16LE)))) {
                DomainProvisioning.provision(store, "KCMBENCH", "KCMBENCH", "KCMBENCHHOST", Sid.of(5, 21, 3, 4, 5), admin,
                        Instant.now(), new SecureRandom());
            }
        }
        Files.writeString(layout.kdcConfig(), "enabled = false\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "org.openlsa.daemon.Lsad", dir.toString()).redirectErrorStream(true).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = r.readLine()) != null; ) {
            if (line.startsWith("READY ")) {
                Thread.ofVirtual().start(() -> {
                    try {
                        r.lines().forEach(l -> { });
                    } catch (java.io.UncheckedIOException closed) {
                        // close() destroyed the daemon: its output ends here
                    }
                });
                return new OpenLsaKcm(dir, p);
            }
        }
        throw new IllegalStateException("OpenLSA's daemon ended before serving (exit " + p.waitFor() + ")");
    }

    Path socket() {
        return StateLayout.of(dir).kcmSocket();
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path f : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
