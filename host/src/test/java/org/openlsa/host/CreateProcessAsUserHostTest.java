package org.openlsa.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.core.AccessToken;
import org.openlsa.core.QuotaLimits;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.engine.Logon32;
import org.openlsa.engine.LsaConnection;
import org.openlsa.engine.TokenHandle;
import org.openlsa.engine.UserProcess;
import org.openlsa.idmap.IdMap;
import org.openlsa.idmap.IdRanges;
import org.openlsa.idmap.UnixCredentials;
import org.openlsa.idmap.UnixDirectory;
import org.openlsa.launch.ExitStatus;
import org.openlsa.launch.ProcessSpec;
import org.openlsa.launch.ResourceLimit;
import org.openlsa.launch.Rlimit;
import org.openlsa.launch.Stdio;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.DomainPolicy;
import org.openlsa.sam.Passwords;
import org.openlsa.sam.UserAccount;

/**
 * CreateProcessAsUser through the LSA the host wires, with the real launcher: alice, linked to a throwaway OS user,
 * logs on with her password and {@code /usr/bin/id} runs as her uid, her passwd entry's gid and her token's groups.
 * Runs as root, like the launcher's own tests.
 */
class CreateProcessAsUserHostTest {
    private static final String PASSWORD = "Al1ce-Passw0rd!";
    private static String osUser;
    private static long uid;
    private static long gid;

    @TempDir
    Path dir;

    @BeforeAll
    static void createUser() throws Exception {
        assertEquals("0", run("id", "-u").strip(), "this test starts a process as another user and needs root");
        osUser = "olsa-cpau-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xFFFFF));
        run("useradd", "-M", "-r", "-s", "/usr/sbin/nologin", osUser);
        uid = Long.parseLong(run("id", "-u", osUser).strip());
        gid = Long.parseLong(run("id", "-g", osUser).strip());
    }

    @AfterAll
    static void deleteUser() throws Exception {
        if (osUser != null) {
            run("userdel", osUser);
        }
    }

    @Test
    void idRunsAsTheLinkedUsersUidItsPasswdGidAndTheTokensGroups() throws Exception {
        StateLayout layout = StateLayout.of(dir);
        try (AccountStore store = AccountStores.installed().create(layout)) {
            provisionAlice(store);
            // A TimeLimit of 3 s in the tokens' QUOTA_LIMITS: RLIMIT_CPU 3:3 for every process.
            DomainPolicy d = store.domain().policy();
            store.setPolicy(new DomainPolicy(d.minPasswordLength(), d.passwordComplexity(), d.passwordHistoryLength(),
                    d.minPasswordAge(), d.maxPasswordAge(), d.lockoutThreshold(), d.lockoutDuration(),
                    d.lockoutObservationWindow(), d.lockoutAdmins(), new QuotaLimits(0x20000000L, 0x100000L,
                    0x10000L, 0x1000000L, 0xFFFFFFFFL, 3 * 10_000_000L), d.ntlm(), d.kerberos()));
        }
        try (LsaHost host = LsaHost.open(layout);
             LsaConnection c = host.engine().registerLogonProcess(host.engine().systemToken(), "websvc")) {
            TokenHandle h;
            try (SecretBytes pw = SecretBytes.adopt(PASSWORD.getBytes(StandardCharsets.UTF_16LE))) {
                h = c.logonUserWithPassword("alice", "HOSTTEST", pw, Logon32.LOGON_INTERACTIVE,
                        Logon32.PROVIDER_DEFAULT);
            }
            AccessToken token = c.queryToken(h);
            UnixCredentials expected = new IdMap(IdRanges.defaults(), host.store(), UnixDirectory.system())
                    .credentialsOf(token);
            UserProcess p = c.createProcessAsUser(h, ProcessSpec.of(Path.of("/usr/bin/id")).stdout(Stdio.PIPE)
                    .build());
            String out = new String(p.stdout().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertEquals(new ExitStatus.Exited(0), p.waitFor());

            assertEquals(uid, number(out, "uid=(\\d+)"), out);
            assertEquals(gid, number(out, "gid=(\\d+)"), "the passwd entry's gid: " + out);
            Matcher groups = Pattern.compile("groups=(\\S+)").matcher(out);
            assertTrue(groups.find(), out);
            List<Long> seen = Arrays.stream(groups.group(1).split(",")).map(g -> Long.parseLong(g.replaceAll("\\(.*", "")))
                    .toList();
            // id(1) lists the gid first among the groups, then getgroups(2): the token's enabled groups.
            java.util.TreeSet<Long> want = new java.util.TreeSet<>(expected.supplementaryGids());
            want.add(gid);
            assertEquals(List.copyOf(want), seen.stream().sorted().distinct().toList(),
                    "the token's enabled groups, not /etc/group's: " + out);
            assertEquals(gid, seen.getFirst(), out);
            assertTrue(seen.contains(IdRanges.defaults().sliceBase(IdRanges.LOCAL_DOMAIN_SLICE) + 513),
                    "Domain Users: " + out);

            // The quota's limit and the spec's, the stricter of each bound: 3 s, not the spec's 100 s.
            UserProcess limited = c.createProcessAsUser(h, ProcessSpec.of(Path.of("/bin/cat"))
                    .arguments("/proc/self/limits").limit(ResourceLimit.CPU_SECONDS, new Rlimit(100, Rlimit.UNLIMITED))
                    .stdout(Stdio.PIPE).build());
            String limits = new String(limited.stdout().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(new ExitStatus.Exited(0), limited.waitFor());
            assertTrue(limits.lines().anyMatch(l -> l.matches("Max cpu time\\s+3\\s+3\\s+seconds\\s*")), limits);
            c.closeHandle(h);
        }
        List<String> lines = Files.readAllLines(layout.auditLog());
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"event\":\"processStart\"") && l.contains("\"user\":\"alice\"")
                && l.contains("\"callerProcess\":\"websvc\"") && l.contains("\"program\":\"/usr/bin/id\"")),
                String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"event\":\"processExit\"") && l.contains("\"exit\":\"exit 0\"")),
                String.join("\n", lines));
    }

    /**
     * launch.properties counts at the next start, without a restart: a PAM service whose account stack denies makes
     * the start ACCOUNT_RESTRICTION; a broken file makes it UNSUCCESSFUL naming the file; no file, no PAM.
     */
    @Test
    void theLaunchPolicyFileIsReadAtEachStart() throws Exception {
        StateLayout layout = StateLayout.of(dir);
        try (AccountStore store = AccountStores.installed().create(layout)) {
            provisionAlice(store);
        }
        String service = "olsa-host-deny-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xFFFFF));
        Path pamFile = Path.of("/etc/pam.d", service);
        Files.writeString(pamFile, "account required pam_deny.so\nsession required pam_permit.so\n");
        ProcessSpec spec = ProcessSpec.of(Path.of("/bin/true")).stdin(Stdio.NULL).stdout(Stdio.NULL)
                .stderr(Stdio.NULL).build();
        try (LsaHost host = LsaHost.open(layout);
             LsaConnection c = host.engine().registerLogonProcess(host.engine().systemToken(), "websvc")) {
            TokenHandle h;
            try (SecretBytes pw = SecretBytes.adopt(PASSWORD.getBytes(StandardCharsets.UTF_16LE))) {
                h = c.logonUserWithPassword("alice", "HOSTTEST", pw, Logon32.LOGON_INTERACTIVE,
                        Logon32.PROVIDER_DEFAULT);
            }
            assertEquals(new ExitStatus.Exited(0), c.createProcessAsUser(h, spec).waitFor(), "no file: no PAM");

            Files.writeString(layout.launchConfig(), "pam.service=" + service + "\n");
            org.openlsa.core.LsaException denied = org.junit.jupiter.api.Assertions.assertThrows(
                    org.openlsa.core.LsaException.class, () -> c.createProcessAsUser(h, spec));
            assertEquals(org.openlsa.core.NtStatus.ACCOUNT_RESTRICTION, denied.status(), denied.getMessage());

            Files.writeString(layout.launchConfig(), "pam.servise=" + service + "\n");
            org.openlsa.core.LsaException broken = org.junit.jupiter.api.Assertions.assertThrows(
                    org.openlsa.core.LsaException.class, () -> c.createProcessAsUser(h, spec));
            assertEquals(org.openlsa.core.NtStatus.UNSUCCESSFUL, broken.status());
            assertTrue(broken.getMessage().contains("launch.properties") && broken.getMessage().contains("pam.servise"),
                    broken.getMessage());
            c.closeHandle(h);
        } finally {
            Files.deleteIfExists(pamFile);
        }
    }

    /** The domain, and alice with {@link #PASSWORD}, linked to the throwaway OS user. */
    private static void provisionAlice(AccountStore store) throws Exception {
        AccountStoresTest.provision(store);
        long rid = store.allocateRid();
        store.createUser(UserAccount.newAccount(store.domain().sid(), rid, "alice").unixUid(OptionalLong.of(uid))
                .build(), Optional.empty());
        try (SecretBytes pw = SecretBytes.adopt(PASSWORD.getBytes(StandardCharsets.UTF_16LE))) {
            Passwords.set(store, rid, pw, Instant.now(), false);
        }
    }

    private static long number(String s, String regex) {
        Matcher m = Pattern.compile(regex).matcher(s);
        assertTrue(m.find(), s);
        return Long.parseLong(m.group(1));
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
        return out;
    }
}
