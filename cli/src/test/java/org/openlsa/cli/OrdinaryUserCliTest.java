package org.openlsa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openlsa.client.LsaClient;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.daemon.LsaDaemon;
import org.openlsa.daemon.Lsad;
import org.openlsa.engine.LogonResult;
import org.openlsa.engine.LsaConnection;

/**
 * The commands an ordinary local user runs, run as one: a throwaway OS user drives the real CLI in its own process
 * against a daemon this root JVM serves on a state directory root owns (sam.db and the audit log owner-only, as
 * {@code lsa init} leaves them). Whatever such a user may do must work without opening the account database.
 */
class OrdinaryUserCliTest {
    private static final String ADMIN_PW = "Adm1n-Passw0rd!";
    private static final String ALICE_PW = "S3cret-Passw0rd";
    private static ChildLsa child;
    private static String user;
    private static long uid;
    private static long gid;

    private Path base;
    private Path state;
    private Lsad lsad;

    @BeforeAll
    static void createUser() throws Exception {
        child = new ChildLsa();
        user = child.newUser();
        uid = ChildLsa.uid(user);
        gid = ChildLsa.gid(user);
    }

    @AfterAll
    static void removeUser() throws Exception {
        if (child != null) {
            child.close();
        }
    }

    private int asRoot(String input, String... args) throws Exception {
        Path pw = Files.createTempFile(base, "pw", ".txt");
        Files.writeString(pw, input + "\n");
        String[] all = new String[args.length + 2];
        all[0] = "--state";
        all[1] = state.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        for (int i = 0; i < all.length; i++) {
            if (all[i].equals("@pw")) {
                all[i] = pw.toString();
            }
        }
        StringWriter err = new StringWriter();
        int exit = Main.run(all, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(0, exit, err.toString());
        return exit;
    }

    @BeforeEach
    void serve() throws Exception {
        base = Files.createTempDirectory("olsa-state-");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x")); // others reach the socket
        state = base.resolve("state");
        asRoot(ADMIN_PW, "init", "--domain", "CONTOSO", "--machine", "HOST1", "--password-file", "@pw");
        asRoot(ALICE_PW, "user", "add", "alice", "--password-file", "@pw");
        asRoot(ALICE_PW, "user", "add", "bob", "--password-file", "@pw");
        lsad = Lsad.start(LsaDaemon.Options.defaults(state));
        for (String ownerOnly : new String[] {"sam.db", "audit.jsonl"}) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    state.resolve(ownerOnly))), ownerOnly + " is closed to the ordinary user");
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (lsad != null) {
            lsad.close();
        }
        try (Stream<Path> all = Files.walk(base)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private ChildLsa.Result lsa(String input, String... args) throws Exception {
        String[] all = new String[args.length + 2];
        all[0] = "--state";
        all[1] = state.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return child.lsa(user, input, all);
    }

    @Test
    void whoamiNamesTheCallerFromTheDaemonsLookup() throws Exception {
        String me = "Unix User\\" + uid;
        ChildLsa.Result who = lsa("", "whoami");
        assertEquals(0, who.exit(), who.err());
        assertEquals(me + " (S-1-22-1-" + uid + ")", who.out().strip());

        ChildLsa.Result all = lsa("", "whoami", "--all");
        assertEquals(0, all.exit(), all.err());
        for (String shown : new String[] {me, "Unix Group\\" + gid, "NT AUTHORITY\\INTERACTIVE", "Everyone",
                "Well-known group", "SeChangeNotifyPrivilege"}) {
            assertTrue(all.out().contains(shown), shown + " missing in:\n" + all.out());
        }

        ChildLsa.Result json = lsa("", "whoami", "--json");
        assertEquals(0, json.exit(), json.err());
        JsonNode t = new ObjectMapper().readTree(json.out()).get("token");
        assertEquals(me, t.get("user").get("name").asText());
        assertEquals("Unix Group\\" + gid, t.get("primaryGroup").get("name").asText());
        assertEquals("Group", groupTypes(t).get("Unix Group\\" + gid));
    }

    /** What root's in-process {@code lsa} prints (exit 0 asserted). */
    private String rootOut(String... args) throws Exception {
        String[] all = new String[args.length + 2];
        all[0] = "--state";
        all[1] = state.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(all, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, exit, err.toString());
        return out.toString();
    }

    /**
     * lsa idmap needs the account database (the domain SID, the uid links), which is the owner's alone: an ordinary
     * user gets the answer from the daemon (MAP_IDS), the same answer root reads in process, links included
     * (docs/idmap.md, "Who may run it").
     */
    @Test
    void idmapAsksTheDaemonAndGetsTheOwnersAnswer() throws Exception {
        asRoot("", "user", "set", "alice", "--uid", Long.toString(uid));
        String[][] questions = {
                {"idmap", "uid", Long.toString(uid)},
                {"idmap", "uid", Long.toString(uid), "--json"},
                {"idmap", "gid", Long.toString(gid)},
                {"idmap", "sid", "S-1-5-32-545", "--group"},
                {"idmap"},
                {"idmap", "--json"},
        };
        for (String[] q : questions) {
            ChildLsa.Result r = lsa("", q);
            assertEquals(0, r.exit(), String.join(" ", q) + ": " + r.err());
            assertEquals(rootOut(q), r.out(), String.join(" ", q));
        }
        String linked = lsa("", "idmap", "uid", Long.toString(uid)).out();
        assertTrue(linked.contains("CONTOSO\\alice -> uid " + uid + " (linked)"), linked);
        JsonNode bob = new ObjectMapper().readTree(lsa("", "idmap", "uid", "401001", "--json").out());
        assertEquals("CONTOSO\\bob", bob.get("name").asText());
        assertEquals("algorithmic", bob.get("source").asText());

        ChildLsa.Result logonSid = lsa("", "idmap", "sid", "S-1-5-5-0-1234");
        assertEquals(ExitCode.LSA_STATUS, logonSid.exit(), logonSid.out() + logonSid.err());
        assertTrue(logonSid.err().contains("not a principal"),
                logonSid.err());
    }

    /** Without a daemon there is no one to ask: opening the database fails as it always did (exit 6). */
    @Test
    void idmapWithoutADaemonNeedsTheStateDirectorysOwner() throws Exception {
        lsad.close();
        lsad = null;
        ChildLsa.Result r = lsa("", "idmap", "uid", "401000");
        assertEquals(ExitCode.STATE, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("permission denied") && r.err().contains("sam.db"), r.err());
        assertEquals("", r.out());
    }

    private static Map<String, String> groupTypes(JsonNode token) {
        Map<String, String> out = new HashMap<>();
        for (JsonNode g : token.get("groups")) {
            out.put(g.get("name").asText(), g.get("type").asText());
        }
        return out;
    }

    @Test
    void logonThroughTheDaemonShowsNamesAndKinds() throws Exception {
        ChildLsa.Result r = lsa(ALICE_PW + "\n", "logon", "-u", "alice", "--password-stdin", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertTrue(j.get("viaDaemon").asBoolean());
        JsonNode t = j.get("token");
        assertEquals("CONTOSO\\alice", t.get("user").get("name").asText());
        assertEquals("CONTOSO\\Domain Users", t.get("primaryGroup").get("name").asText());
        Map<String, String> types = groupTypes(t);
        assertEquals("Group", types.get("CONTOSO\\Domain Users"), types.toString());
        assertEquals("Alias", types.get("BUILTIN\\Users"), types.toString());
        assertEquals("Well-known group", types.get("NT AUTHORITY\\Authenticated Users"), types.toString());
    }

    @Test
    void sessionsShowTheCallersHeldSessionAndHideOthers() throws Exception {
        try (LsaClient client = LsaClient.of(lsad.daemon().socketPath());
             LsaConnection trusted = client.registerLogonProcess(null, "test");
             SecretBytes pw = SecretBytes.adopt(ALICE_PW.getBytes(StandardCharsets.UTF_16LE))) {
            var request = LogonCommand.passwordLogon(trusted, "test", SecurityLogonType.INTERACTIVE, "", "bob", pw,
                    Optional.empty());
            LogonResult bobs = trusted.logonUser(request);
            request.close();
            Process hold = child.start(user, ALICE_PW + "\n", "--state", state.toString(), "logon", "-u", "alice",
                    "--password-stdin", "--hold");
            try {
                String held = heldSession(hold);
                assertNotNull(held, "lsa logon --hold did not report its session");
                ChildLsa.Result s = lsa("", "sessions");
                assertEquals(0, s.exit(), s.err());
                String own = line(s.out(), held);
                assertTrue(own.contains("CONTOSO\\alice") && !own.contains("STATUS_ACCESS_DENIED"), s.out());
                String others = line(s.out(), bobs.logonId().toString());
                assertTrue(others.contains("(STATUS_ACCESS_DENIED)") && !others.contains("bob"), s.out());
            } finally {
                hold.destroy();
                hold.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * The LUID that {@code lsa logon --hold} announces on stderr (stdout is the logon's report alone); null when it
     * ends or stays silent for 60 s without announcing one, so a regression fails instead of hanging the suite.
     */
    private static String heldSession(Process hold) throws Exception {
        BufferedReader err = new BufferedReader(new InputStreamReader(hold.getErrorStream(), StandardCharsets.UTF_8));
        var announced = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                for (String l = err.readLine(); l != null; l = err.readLine()) {
                    if (l.startsWith("Holding logon session ")) {
                        return l.substring("Holding logon session ".length()).split("[; ]")[0];
                    }
                }
                return null;
            } catch (java.io.IOException e) {
                return null;
            }
        });
        try {
            return announced.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return null;
        }
    }

    private static String line(String table, String logonId) {
        return table.lines().filter(l -> l.startsWith(logonId + " ")).findFirst()
                .orElseThrow(() -> new AssertionError(logonId + " not listed:\n" + table));
    }

    @Test
    void auditIsRefusedWithAStatusNotAnException() throws Exception {
        ChildLsa.Result a = lsa("", "audit");
        assertEquals(ExitCode.LSA_STATUS, a.exit(), a.out() + a.err());
        assertTrue(a.err().contains("SeSecurityPrivilege") && a.err().contains("STATUS_PRIVILEGE_NOT_HELD"), a.err());
        assertFalse(a.err().contains("unexpected error"), a.err());
        assertEquals(0, asRoot("", "audit"), "the state directory's owner still reads it");
    }

    @Test
    void demoRunsForAnyone() throws Exception {
        ChildLsa.Result d = child.lsa(user, "", "demo");
        assertEquals(0, d.exit(), d.out() + d.err());
        for (String shown : new String[] {"DEMO\\alice", "== 5. lsa sessions", "== 8. lsa audit", "STATUS_LOGON_FAILURE"}) {
            assertTrue(d.out().contains(shown), shown + " missing in:\n" + d.out());
        }
    }
}
