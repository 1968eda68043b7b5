package org.openlsa.krb5.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an MIT krb5 tool (klist) on a file this module wrote. A missing tool is an IOException, so the test
 * fails instead of skipping: in CI a missing peer is a failure. Times print in UTC with the C locale.
 */
final class MitTools {
    private MitTools() {}

    static String run(Path workDir, String... command) throws IOException, InterruptedException {
        Path config = workDir.resolve("empty-krb5.conf");
        if (!Files.exists(config)) {
            Files.writeString(config, "");
        }
        ProcessBuilder pb = new ProcessBuilder(List.of(command)).redirectErrorStream(true);
        pb.environment().put("TZ", "UTC");
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("KRB5_CONFIG", config.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + p.exitValue() + ":\n" + out);
        }
        return out;
    }
}
