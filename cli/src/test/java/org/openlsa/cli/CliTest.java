package org.openlsa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.openlsa.cli.InProcessCli.Run;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lsa command line as a user drives it: exit codes, output, the documented JSON shape. */
class CliTest {
    private static final String ADMIN_PW = "Adm1n-Passw0rd!";
    private static final String ALICE_PW = "S3cret-Passw0rd";

    @TempDir
    Path tmp;
    Path state;

    private Run lsa(String... args) {
        return InProcessCli.lsa(state, args);
    }

    private Path passwordFile(String pw) throws Exception {
        Path f = Files.createTempFile(tmp, "pw", ".txt");
        Files.writeString(f, pw + "\n");
        return f;
    }

    @BeforeEach
    void init() throws Exception {
        state = tmp.resolve("state");
        Run r = lsa("init", "--domain", "CONTOSO", "--machine", "HOST1", "--password-file", passwordFile(ADMIN_PW).toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("CONTOSO (S-1-5-21-"), r.out());
        Run add = lsa("user", "add", "alice", "--full-name", "Alice Example", "--password-file",
                passwordFile(ALICE_PW).toString());
        assertEquals(0, add.exit(), add.err());
        assertTrue(add.out().contains("CONTOSO\\alice (S-1-5-21-") && add.out().contains("-1000)"), add.out());
    }

    @Test
    void initRefusesAnInitializedDirectoryAndStateErrorsExitSix() throws Exception {
        Run again = lsa("init", "--password-file", passwordFile("x").toString());
        assertEquals(ExitCode.STATE, again.exit());
        assertTrue(again.err().contains("already holds an OpenLSA database"), again.err());
        Path empty = tmp.resolve("nothing-here");
        StringWriter err = new StringWriter();
        int exit = Main.run(new String[] {"--state", empty.toString(), "user", "list"}, new PrintWriter(new StringWriter()),
                new PrintWriter(err, true));
        assertEquals(ExitCode.STATE, exit);
        assertTrue(err.toString().contains("run 'lsa init"), err.toString());
    }

    @Test
    void logonJsonHasTheDocumentedShape() throws Exception {
        Run r = lsa("logon", "--user", "alice", "--password-file", passwordFile(ALICE_PW).toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("STATUS_SUCCESS", j.get("status").asText());
        assertEquals("STATUS_SUCCESS", j.get("subStatus").asText());
        assertEquals(0, j.get("win32Error").asInt());
        assertTrue(j.get("logonId").asText().startsWith("0x"));
        JsonNode t = j.get("token");
        assertEquals("CONTOSO\\alice", t.get("user").get("name").asText());
        assertTrue(t.get("user").get("sid").asText().endsWith("-1000"));
        assertEquals("Primary", t.get("type").asText());
        assertTrue(t.get("impersonationLevel").isNull());
        assertEquals("User32", t.get("source").get("name").asText());
        assertEquals("CONTOSO\\alice", t.get("owner").get("name").asText());
        assertEquals("CONTOSO\\Domain Users", t.get("primaryGroup").get("name").asText());
        List<String> groupNames = new ArrayList<>();
        for (JsonNode g : t.get("groups")) {
            groupNames.add(g.get("name").asText());
            assertTrue(g.get("sid").asText().startsWith("S-1-"));
            assertTrue(g.get("attributes").isArray());
        }
        assertTrue(groupNames.containsAll(List.of("Everyone", "LOCAL", "NT AUTHORITY\\INTERACTIVE",
                "NT AUTHORITY\\Authenticated Users", "BUILTIN\\Users")), groupNames.toString());
        boolean changeNotify = false;
        for (JsonNode p : t.get("privileges")) {
            if (p.get("name").asText().equals("SeChangeNotifyPrivilege")) {
                changeNotify = p.get("enabled").asBoolean();
            }
        }
        assertTrue(changeNotify);
        assertEquals(1, j.get("profile").get("logonCount").asInt());
        assertEquals("Alice Example", j.get("profile").get("fullName").asText());
        assertEquals("HOST1", j.get("profile").get("logonServer").asText());
        assertEquals(536870912L, j.get("quotaLimits").get("pagedPoolLimit").asLong());
    }

    @Test
    void textLogonPrintsLikeWhoamiAll() throws Exception {
        Run r = lsa("logon", "-u", "alice", "--password-file", passwordFile(ALICE_PW).toString());
        assertEquals(0, r.exit(), r.err());
        for (String section : List.of("Logon ID: 0x", "USER INFORMATION", "GROUP INFORMATION", "PRIVILEGES INFORMATION",
                "Token type:          Primary", "PROFILE (MSV1_0_INTERACTIVE_PROFILE)", "CONTOSO\\alice")) {
            assertTrue(r.out().contains(section), section + " missing in:\n" + r.out());
        }
        assertFalse(r.out().contains(ALICE_PW), "the password is never echoed");
    }

    @Test
    void failuresMapToDocumentedExitCodes() throws Exception {
        Run wrong = lsa("logon", "-u", "alice", "--password-file", passwordFile("nope").toString(), "--json");
        assertEquals(ExitCode.LOGON_FAILURE, wrong.exit());
        JsonNode j = new ObjectMapper().readTree(wrong.out());
        assertEquals("STATUS_LOGON_FAILURE", j.get("status").asText());
        assertEquals(1326, j.get("win32Error").asInt());

        assertEquals(0, lsa("user", "set", "alice", "--disabled").exit());
        Run disabled = lsa("logon", "-u", "alice", "--password-file", passwordFile(ALICE_PW).toString());
        assertEquals(ExitCode.ACCOUNT_RESTRICTION, disabled.exit());
        assertTrue(disabled.err().contains("STATUS_ACCOUNT_RESTRICTION (0xC000006E)")
                && disabled.err().contains("SubStatus STATUS_ACCOUNT_DISABLED (0xC0000072)")
                && disabled.err().contains("Win32 error 1327"), disabled.err());

        assertEquals(0, lsa("user", "set", "alice", "--no-disabled").exit());
        Run batch = lsa("logon", "-u", "alice", "-t", "batch", "--password-file", passwordFile(ALICE_PW).toString());
        assertEquals(ExitCode.ACCOUNT_RESTRICTION, batch.exit(), "no SeBatchLogonRight yet");
        assertTrue(batch.err().contains("STATUS_LOGON_TYPE_NOT_GRANTED"), batch.err());
        assertEquals(0, lsa("rights", "grant", "SeBatchLogonRight", "alice").exit());
        assertEquals(0, lsa("logon", "-u", "alice", "-t", "batch", "--password-file", passwordFile(ALICE_PW).toString()).exit());

        Run dup = lsa("user", "add", "ALICE", "--no-password");
        assertEquals(ExitCode.LSA_STATUS, dup.exit());
        assertTrue(dup.err().contains("STATUS_USER_EXISTS"), dup.err());
        assertEquals(ExitCode.USAGE, lsa("logon", "-u", "alice", "-t", "bogus", "--password-file", "x").exit());
        assertEquals(ExitCode.USAGE, lsa("user", "set", "alice", "--logon-hours", "Mon 25-26").exit());
        assertEquals(ExitCode.LSA_STATUS, lsa("rights", "grant", "SeBogusPrivilege", "alice").exit());
        assertEquals(ExitCode.USAGE, lsa("policy", "set", "--lockout-duration", "soon").exit());
        assertEquals(ExitCode.USAGE, lsa("logon").exit(), "missing --user");
    }

    @Test
    void passwordFromStandardInput() throws Exception {
        InputStream old = System.in;
        try {
            System.setIn(new ByteArrayInputStream((ALICE_PW + "\r\n").getBytes(StandardCharsets.UTF_8)));
            Run r = lsa("logon", "-u", "alice", "--password-stdin", "--json");
            assertEquals(0, r.exit(), r.err());
        } finally {
            System.setIn(old);
        }
    }

    @Test
    void administrationRoundTrips() throws Exception {
        assertEquals(0, lsa("group", "add", "Engineers").exit());
        assertEquals(0, lsa("group", "addmember", "Engineers", "alice").exit());
        assertTrue(lsa("group", "members", "Engineers").out().contains("alice"));
        assertEquals(0, lsa("alias", "add", "Builders").exit());
        assertEquals(0, lsa("alias", "addmember", "Builders", "Engineers").exit());
        assertEquals(0, lsa("alias", "addmember", "Administrators", "alice").exit());
        Run members = lsa("alias", "members", "BUILTIN\\Administrators");
        assertTrue(members.out().contains("CONTOSO\\alice") && members.out().contains("CONTOSO\\Administrator"), members.out());
        Run logon = lsa("logon", "-u", "alice", "--password-file", passwordFile(ALICE_PW).toString(), "--json");
        JsonNode t = new ObjectMapper().readTree(logon.out()).get("token");
        assertEquals("BUILTIN\\Administrators", t.get("owner").get("name").asText());
        List<String> names = new ArrayList<>();
        t.get("groups").forEach(g -> names.add(g.get("name").asText()));
        assertTrue(names.containsAll(List.of("CONTOSO\\Engineers", "CONTOSO\\Builders", "BUILTIN\\Administrators")), names.toString());

        assertEquals(0, lsa("user", "set", "alice", "--logon-hours", "Mon-Fri 08-18", "--workstations", "PC1,PC2",
                "--home-drive", "h:", "--expires", "2099-12-31", "--uid", "1001").exit());
        JsonNode u = new ObjectMapper().readTree(lsa("user", "show", "alice", "--json").out());
        assertEquals("Mon 08-18; Tue 08-18; Wed 08-18; Thu 08-18; Fri 08-18", u.get("logonHours").asText());
        assertEquals(2, u.get("workstations").size());
        assertEquals("H:", u.get("homeDirectoryDrive").asText());
        assertEquals("2100-01-01T00:00:00Z", u.get("accountExpires").asText());
        assertEquals(1001, u.get("unixUid").asInt());
        assertTrue(lsa("rights", "list", "BUILTIN\\Users").out().contains("SeInteractiveLogonRight"));
        assertEquals(0, lsa("policy", "set", "--lockout-threshold", "3", "--lockout-duration", "forever",
                "--lockout-window", "15m").exit());
        JsonNode p = new ObjectMapper().readTree(lsa("policy", "show", "--json").out());
        assertEquals(3, p.get("lockoutThreshold").asInt());
        assertEquals("forever", p.get("lockoutDuration").asText());
        assertEquals(0, lsa("user", "delete", "alice").exit());
        assertEquals(ExitCode.LSA_STATUS, lsa("user", "show", "alice").exit());
    }

    @Test
    void lockoutAndUnlock() throws Exception {
        assertEquals(0, lsa("policy", "set", "--lockout-threshold", "2").exit());
        for (int i = 0; i < 2; i++) {
            assertEquals(ExitCode.LOGON_FAILURE, lsa("logon", "-u", "alice", "--password-file", passwordFile("bad").toString()).exit());
        }
        Run locked = lsa("logon", "-u", "alice", "--password-file", passwordFile(ALICE_PW).toString());
        assertEquals(ExitCode.ACCOUNT_RESTRICTION, locked.exit());
        assertTrue(locked.err().contains("STATUS_ACCOUNT_LOCKED_OUT"), locked.err());
        assertEquals(0, lsa("user", "unlock", "alice").exit());
        assertEquals(0, lsa("logon", "-u", "alice", "--password-file", passwordFile(ALICE_PW).toString()).exit());
        List<String> audit = Files.readAllLines(state.resolve("audit.jsonl"));
        assertTrue(audit.stream().anyMatch(l -> l.contains("\"subStatus\":\"STATUS_ACCOUNT_LOCKED_OUT\"")), audit.toString());
        assertTrue(audit.stream().noneMatch(l -> l.contains(ALICE_PW) || l.contains("bad\"")), "no secret in the audit log");
    }

    @Test
    void daemonCommandsTalkToTheRunningDaemon() throws Exception {
        assertEquals("rwx--x--x", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(state)), "others reach the socket by path, list nothing");
        Run none = lsa("whoami");
        assertEquals(ExitCode.STATE, none.exit());
        assertTrue(none.err().contains("lsa serve --state"), none.err());
        try (org.openlsa.daemon.Lsad lsad = org.openlsa.daemon.Lsad.start(
                org.openlsa.daemon.LsaDaemon.Options.defaults(state))) {
            Run who = lsa("whoami");
            assertEquals(0, who.exit(), who.err());
            assertTrue(who.out().contains("NT AUTHORITY\\SYSTEM (S-1-5-18)"), "this test runs as root: " + who.out());
            JsonNode token = new ObjectMapper().readTree(lsa("whoami", "--json").out()).get("token");
            assertTrue(token.get("privileges").toString().contains("SeTcbPrivilege"));
            Run sessions = lsa("sessions", "--json");
            assertEquals(0, sessions.exit(), sessions.err());
            assertTrue(sessions.out().contains("\"logonId\" : \"0x3e7\""), sessions.out());
            Run logon = lsa("logon", "-u", "alice", "--password-file", passwordFile(ALICE_PW).toString(), "--json");
            assertEquals(0, logon.exit(), logon.err());
            JsonNode viaDaemon = new ObjectMapper().readTree(logon.out());
            assertTrue(viaDaemon.get("viaDaemon").asBoolean(), "with a daemon running, lsa logon goes through it");
            assertEquals("CONTOSO\\alice", viaDaemon.get("token").get("user").get("name").asText());
            Run audit = lsa("audit");
            assertTrue(audit.out().matches("(?s).*\\blogon +success.*") && audit.out().contains("CONTOSO\\alice"), audit.out());
            Run second = lsa("serve");
            assertEquals(ExitCode.LSA_STATUS, second.exit());
            assertTrue(second.err().contains("another OpenLSA daemon"), second.err());
        }
        assertFalse(Files.exists(state.resolve("lsad.sock")), "the socket goes away with the daemon");
    }

    /** The NTLMv2 responses a client computes for alice (MS-NLMP 3.3.2), and the session key they give. */
    private static String[] ntlmV2(String user, String domain, String password, byte[] challenge) {
        byte[] clientChallenge = java.util.HexFormat.of().parseHex("0102030405060708");
        try (org.openlsa.crypto.SecretBytes hash = org.openlsa.crypto.NtOwf.ntOwfV1(password.toCharArray());
             org.openlsa.crypto.SecretBytes owf = org.openlsa.crypto.NtlmV2.ntOwfV2(hash, user, domain)) {
            byte[] blob = org.openlsa.crypto.NtlmV2.clientBlob(0x01dc000000000000L, clientChallenge, new byte[0]);
            byte[] nt = org.openlsa.crypto.NtlmV2.ntResponse(owf, challenge, blob);
            byte[] lm = org.openlsa.crypto.NtlmV2.lmResponse(owf, challenge, clientChallenge);
            try (org.openlsa.crypto.SecretBytes key = org.openlsa.crypto.NtlmV2.sessionBaseKey(owf,
                    java.util.Arrays.copyOf(nt, 16))) {
                java.util.HexFormat h = java.util.HexFormat.of();
                return new String[] {h.formatHex(nt), h.formatHex(lm), h.formatHex(key.copyBytes())};
            }
        }
    }

    @Test
    void challengeAndNetworkLogonThroughTheDaemon() throws Exception {
        try (org.openlsa.daemon.Lsad lsad = org.openlsa.daemon.Lsad.start(
                org.openlsa.daemon.LsaDaemon.Options.defaults(state))) {
            Run chal = lsa("challenge", "--json");
            assertEquals(0, chal.exit(), chal.err());
            JsonNode c = new ObjectMapper().readTree(chal.out());
            assertTrue(c.get("viaDaemon").asBoolean());
            String challenge = c.get("challenge").asText();
            assertEquals(16, challenge.length());
            assertFalse(challenge.equals(lsa("challenge").out().trim()), "every challenge is fresh");
            String[] v2 = ntlmV2("alice", "CONTOSO", ALICE_PW, java.util.HexFormat.of().parseHex(challenge));

            Run logon = lsa("logon", "--type", "network", "-u", "alice", "-d", "CONTOSO", "--workstation", "WS1",
                    "--challenge", challenge, "--nt-response", v2[0], "--lm-response", v2[1], "--json");
            assertEquals(0, logon.exit(), logon.err());
            JsonNode r = new ObjectMapper().readTree(logon.out());
            assertTrue(r.get("viaDaemon").asBoolean());
            assertEquals("Network", r.get("logonType").asText());
            assertEquals("CONTOSO\\alice", r.get("token").get("user").get("name").asText());
            assertTrue(r.get("token").toString().contains("S-1-5-64-10"), "NTLM Authentication: " + r.get("token"));
            assertEquals("MsV1_0Lm20LogonProfile", r.get("profile").get("messageType").asText());
            assertTrue(r.get("profile").get("userSessionKey") == null, "session keys only when asked for");

            Run shown = lsa("logon", "--type", "network", "-u", "alice", "-d", "CONTOSO", "--challenge", challenge,
                    "--nt-response", v2[0], "--show-session-key");
            assertEquals(0, shown.exit(), shown.err());
            assertTrue(shown.out().contains("User session key:    " + v2[2]), shown.out());
            assertTrue(shown.out().contains("Impersonation"), shown.out());

            String[] wrong = ntlmV2("alice", "CONTOSO", "not-her-password", java.util.HexFormat.of().parseHex(challenge));
            Run bad = lsa("logon", "--type", "network", "-u", "alice", "-d", "CONTOSO", "--challenge", challenge,
                    "--nt-response", wrong[0], "--json");
            assertEquals(ExitCode.LOGON_FAILURE, bad.exit(), bad.out() + bad.err());
            assertEquals("STATUS_LOGON_FAILURE", new ObjectMapper().readTree(bad.out()).get("status").asText());

            assertEquals(ExitCode.USAGE, lsa("logon", "--type", "network", "-u", "alice", "--challenge", "0123",
                    "--nt-response", v2[0]).exit());
            assertEquals(ExitCode.USAGE, lsa("logon", "--type", "network", "-u", "alice", "--challenge", challenge,
                    "--nt-response", "xyz").exit());
            assertEquals(ExitCode.USAGE, lsa("logon", "-u", "alice", "--challenge", challenge, "--nt-response",
                    v2[0]).exit(), "--challenge is for network logons");
        }
    }

    @Test
    void ntlmPolicyIsShownAndSet() throws Exception {
        assertTrue(lsa("policy", "show").out().contains("NTLM level                  ntlmv2-only"));
        Run set = lsa("policy", "set", "--ntlm-level", "ntlmv1-permitted", "--lanman-auth", "true",
                "--anonymous-logon", "false");
        assertEquals(0, set.exit(), set.err());
        JsonNode p = new ObjectMapper().readTree(lsa("policy", "show", "--json").out());
        assertEquals("ntlmv1-permitted", p.get("ntlmLevel").asText());
        assertTrue(p.get("lanmanAuth").asBoolean());
        assertFalse(p.get("anonymousLogon").asBoolean());
        Run bad = lsa("policy", "set", "--ntlm-level", "maybe");
        assertEquals(ExitCode.USAGE, bad.exit());
        assertTrue(bad.err().contains("ntlmv2-only"), bad.err());
    }

    /** A new domain's password policy as `lsa policy` shows and sets it, and as `lsa user passwd` meets it. */
    @Test
    void passwordPolicyIsShownSetAndEnforced() throws Exception {
        JsonNode p = new ObjectMapper().readTree(lsa("policy", "show", "--json").out());
        assertTrue(p.get("passwordComplexity").asBoolean());
        assertEquals(24, p.get("passwordHistoryLength").asInt());
        assertEquals("1d", p.get("minPasswordAge").asText());
        String text = lsa("policy", "show").out();
        assertTrue(text.contains("Password complexity         required"), text);
        assertTrue(text.contains("Password history            24 passwords remembered"), text);

        // an administrator's reset meets complexity (the message names the rule), not the history
        Run simple = lsa("user", "passwd", "alice", "--password-file", passwordFile("simplepassword").toString());
        assertEquals(ExitCode.LSA_STATUS, simple.exit());
        assertTrue(simple.err().contains("STATUS_PASSWORD_RESTRICTION") && simple.err().contains("three of these"),
                simple.err());
        Run named = lsa("user", "passwd", "alice", "--password-file", passwordFile("Example-99").toString());
        assertTrue(named.err().contains("full name"), named.err());
        assertEquals(0, lsa("user", "passwd", "alice", "--password-file", passwordFile(ALICE_PW).toString()).exit(),
                "a reset to the current password: history is not checked on a reset");

        Run set = lsa("policy", "set", "--complexity", "false", "--password-history", "0");
        assertEquals(0, set.exit(), set.err());
        p = new ObjectMapper().readTree(lsa("policy", "show", "--json").out());
        assertFalse(p.get("passwordComplexity").asBoolean());
        assertEquals(0, p.get("passwordHistoryLength").asInt());
        assertTrue(lsa("policy", "show").out().contains("Password history            0 (none kept)"));
        assertEquals(0, lsa("user", "passwd", "alice", "--password-file", passwordFile("simplepassword").toString())
                .exit(), "lowered by the administrator");

        Run tooLong = lsa("policy", "set", "--password-history", "25");
        assertEquals(ExitCode.USAGE, tooLong.exit(), tooLong.err());
        assertTrue(tooLong.err().contains("0..24"), tooLong.err());
        assertEquals(ExitCode.USAGE, lsa("policy", "set", "--complexity", "maybe").exit());
    }

    @Test
    void statusLookup() {
        Run r = lsa("status", "0xC000006E");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("STATUS_ACCOUNT_RESTRICTION") && r.out().contains("Win32 error 1327"), r.out());
        Run byName = lsa("status", "LOGON_FAILURE");
        assertTrue(byName.out().contains("0xC000006D") && byName.out().contains("1326"), byName.out());
        Run unknown = lsa("status", "0xC0FFEE01");
        assertTrue(unknown.out().contains("unknown") && unknown.out().contains("317"), unknown.out());
        assertEquals(ExitCode.USAGE, lsa("status", "banana").exit());
    }

    @Test
    void demoRunsEndToEnd() {
        StringWriter out = new StringWriter();
        int exit = Main.run(new String[] {"--state", tmp.resolve("demo").toString(), "demo"}, new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true));
        assertEquals(0, exit);
        assertTrue(out.toString().contains("DEMO\\alice") && out.toString().contains("STATUS_LOGON_FAILURE"), out.toString());
    }
}
