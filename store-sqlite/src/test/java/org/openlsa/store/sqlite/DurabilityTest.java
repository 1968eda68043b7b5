package org.openlsa.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.sam.UserAccount;

/**
 * Every change the store acknowledged survives SIGKILL: a child JVM creates users and reports each one after
 * createUser returned; the child is killed mid-stream and every reported user must be in the reopened file.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DurabilityTest {
    private static final int ACKS_BEFORE_KILL = 200;

    @TempDir
    Path dir;

    @Test
    void acknowledgedUsersSurviveSigkill() throws Exception {
        Path file = dir.resolve("sam.db");
        TestDomain.openWithDomain(file).close();

        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), DurabilityChild.class.getName(), file.toString())
                .redirectError(dir.resolve("child.err").toFile())
                .start();
        List<String> acked = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            // The read is bounded by the class timeout; a child that dies early ends the stream.
            String line;
            while (acked.size() < ACKS_BEFORE_KILL && (line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    acked.add(line.substring(4));
                }
            }
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no close, no checkpoint
            if (!child.waitFor(30, TimeUnit.SECONDS)) {
                fail("the child did not die after SIGKILL");
            }
        } finally {
            child.destroyForcibly();
        }
        if (acked.size() < ACKS_BEFORE_KILL) {
            fail("the child stopped after " + acked.size() + " users: " + Files.readString(dir.resolve("child.err")));
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL (128 + 9)");

        try (SqliteAccountStore store = SqliteAccountStore.open(file)) {
            List<String> missing = acked.stream().filter(n -> {
                try {
                    return store.findUser(n).isEmpty();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }).toList();
            assertEquals(List.of(), missing, "acknowledged but lost");
            List<UserAccount> users = store.listUsers();
            assertTrue(users.size() >= ACKS_BEFORE_KILL, "found " + users.size());
            for (UserAccount u : users) {
                assertTrue(store.ntHash(u.rid()).isPresent(), "user and hash were written together");
            }
        }
    }
}
