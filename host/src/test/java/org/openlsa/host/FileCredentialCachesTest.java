package org.openlsa.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.engine.LsaConnection;
import org.openlsa.engine.UserProcess;
import org.openlsa.launch.ExitStatus;
import org.openlsa.launch.ProcessSpec;
import org.openlsa.launch.Stdio;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.Passwords;
import org.openlsa.sam.UserAccount;

/**
 * {@code credential_cache = file}: a program started for alice's Kerberos logon finds her session's tickets in a
 * FILE ccache of her own (MIT's klist reads it), which the sweep removes once the session has ended; a file the
 * program changed is left to it. Runs as root with a throwaway OS user, like the other launcher tests.
 */
class FileCredentialCachesTest {
    private static final String PASSWORD = "Al1ce-Passw0rd!";
    private static String osUser;
    private static long uid;

    @TempDir
    Path dir;

    @BeforeAll
    static void createUser() throws Exception {
        osUser = "olsa-fcc-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xFFFFF));
        run("useradd", "-M", "-r", "-s", "/usr/sbin/nologin", osUser);
        uid = Long.parseLong(run("id", "-u", osUser).strip());
    }

    @AfterAll
    static void deleteUser() throws Exception {
        if (osUser != null) {
            run("userdel", osUser);
        }
    }

    private LsaHost host() throws Exception {
        StateLayout layout = StateLayout.of(dir);
        try (AccountStore store = AccountStores.installed().create(layout)) {
            AccountStoresTest.provision(store);
            long rid = store.allocateRid();
            store.createUser(UserAccount.newAccount(store.domain().sid(), rid, "alice").unixUid(OptionalLong.of(uid))
                    .build(), Optional.empty());
            try (SecretBytes pw = SecretBytes.adopt(PASSWORD.getBytes(StandardCharsets.UTF_16LE))) {
                Passwords.set(store, rid, pw, Instant.now(), false);
            }
        }
        Files.writeString(layout.launchConfig(), "credential_cache = file\n");
        return LsaHost.open(layout);
    }

    private static UserProcess start(LsaConnection c, String script) throws Exception {
        try (SecretBytes pw = SecretBytes.adopt(PASSWORD.getBytes(StandardCharsets.UTF_16LE))) {
            return c.createProcessWithLogon("alice", "", pw, "Kerberos", SecurityLogonType.INTERACTIVE,
                    ProcessSpec.of(Path.of("/bin/sh")).arguments("-c", script).stdout(Stdio.PIPE).stderr(Stdio.PIPE)
                            .build());
        }
    }

    @Test
    void theProgramReadsItsSessionsTicketsFromItsOwnFileWhichGoesAtLogoff() throws Exception {
        try (LsaHost host = host();
             LsaConnection c = host.engine().registerLogonProcess(host.engine().systemToken(), "fcc-test")) {
            UserProcess p = start(c, "echo \"$KRB5CCNAME\"; stat -c '%u %a' \"${KRB5CCNAME#FILE:}\"; klist");
            String out = new String(p.stdout().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.stderr().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(new ExitStatus.Exited(0), p.waitFor(), out + err);
            String[] lines = out.split("\n");
            assertTrue(lines[0].startsWith("FILE:/tmp/krb5cc_" + uid + "_lsa_"), out);
            assertEquals(uid + " 600", lines[1], "the uid's own file, 0600: " + out);
            assertTrue(out.contains("Default principal: alice@"), out);
            assertTrue(out.contains("krbtgt/"), out);
            Path file = Path.of(lines[0].substring("FILE:".length()));
            assertTrue(Files.exists(file));

            // The program ended, and with it the logon session (CreateProcessWithLogon holds no other handle).
            for (int i = 0; i < 100 && Files.exists(file); i++) {
                host.fileCaches().sweep();
                Thread.sleep(20);
            }
            assertFalse(Files.exists(file), "the sweep removes an ended session's file");
        }
    }

    @Test
    void aFileTheProgramChangedIsLeftToIt() throws Exception {
        try (LsaHost host = host();
             LsaConnection c = host.engine().registerLogonProcess(host.engine().systemToken(), "fcc-test")) {
            // kdestroy then kinit-like reuse: the program overwrites the cache with its own bytes.
            UserProcess p = start(c, "f=${KRB5CCNAME#FILE:}; echo \"$f\"; printf 'mine' > \"$f\"");
            String out = new String(p.stdout().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertEquals(new ExitStatus.Exited(0), p.waitFor());
            Path file = Path.of(out);
            host.fileCaches().sweep();
            host.close();
            assertEquals("mine", Files.readString(file), "neither refreshed, removed nor closed away");
            Files.delete(file);
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
        return out;
    }
}
