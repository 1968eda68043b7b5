package org.openlsa.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.openlsa.daemon.LsaDaemon;
import org.openlsa.daemon.Lsad;
import picocli.CommandLine.Command;

/**
 * The training run for the JVM's ahead-of-time cache (JEP 483/514/515): {@code java -XX:AOTCacheOutput=lsa.aot ...
 * -m org.openlsa.cli/org.openlsa.cli.AotTraining} runs what a user's commands run, so the classes they load, link
 * and profile land in the cache that later {@code lsa} calls start from. It sets up a throwaway realm, starts a
 * daemon on it in this process, logs a user on through the daemon, asks every command for its help, and removes
 * the realm. Nothing is printed; the exit code is 0 even if a step fails (a thinner cache is still a cache).
 */
public final class AotTraining {
    private AotTraining() {}

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("openlsa-aot-training");
        try {
            train(dir);
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void train(Path dir) throws IOException {
        Path state = dir.resolve("state");
        Path password = Files.writeString(dir.resolve("password"), "Tr41ning-Passw0rd\n");
        String s = state.toString();
        String pw = password.toString();
        List<String[]> before = new ArrayList<>();
        before.add(new String[] {"--version"});
        before.add(new String[] {"--help"});
        for (Class<?> c : Main.SUBCOMMANDS) {
            before.add(new String[] {c.getAnnotation(Command.class).name(), "--help"});
        }
        before.add(new String[] {"status", "0xC000006E"});
        before.add(new String[] {"status", "STATUS_LOGON_FAILURE"});
        before.add(new String[] {"--state", s, "sessions"}); // no state directory yet: exit 6
        before.add(new String[] {"--state", s, "init", "--domain", "TRAINING", "--password-file", pw});
        before.add(new String[] {"--state", s, "user", "add", "alice", "--password-file", pw});
        before.add(new String[] {"--state", s, "logon", "--user", "alice", "--password-file", pw}); // in-process
        before.forEach(AotTraining::run);
        try (Lsad lsad = Lsad.start(LsaDaemon.Options.defaults(state))) {
            run(new String[] {"--state", s, "logon", "--user", "alice", "--password-file", pw});
            run(new String[] {"--state", s, "logon", "--user", "alice", "--password-file", pw, "--json"});
            run(new String[] {"--state", s, "whoami", "--all"});
            run(new String[] {"--state", s, "sessions"});
        } catch (Exception e) {
            // The cache keeps what was loaded up to here.
        }
    }

    private static void run(String[] args) {
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        try {
            Main.run(args, sink, sink);
        } catch (RuntimeException e) {
            // A training step that fails still loaded classes; keep going.
        }
    }
}
