package org.openlsa.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Expected values for the tests, taken from the kernel and from id(1) rather than from the code under test. */
public final class ThisProcess {

    private ThisProcess() {}

    /** The effective uid from /proc/self/status ("Uid: real effective saved fs"). */
    public static long uid() throws IOException {
        return statusId("Uid:");
    }

    /** The effective gid from /proc/self/status. */
    public static long gid() throws IOException {
        return statusId("Gid:");
    }

    private static long statusId(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).strip().split("\\s+")[1]);
            }
        }
        throw new IOException("no " + field + " line in /proc/self/status");
    }

    /** Runs a command to completion within 30 s and returns its trimmed stdout; fails on a non-zero exit. */
    public static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within 30 s");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + p.exitValue() + ": " + out);
        }
        return out;
    }
}
