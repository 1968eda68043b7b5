package org.openlsa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code lsa runas} in a process of its own, as root with the state directory and no daemon (so in process): alice,
 * linked to a throwaway OS user, runs programs with her password; their output reaches the command's own standard
 * output (the program inherits it), their exit code is the command's, and failures before the program runs map to
 * the CLI's exit codes.
 */
class RunasCliTest {

    private static final String ALICE_PW = RunasRealm.ALICE_PW;
    private static ChildLsa child;
    private static String osUser;
    private static long uid;

    private RunasRealm realm;
    private Path state;

    @BeforeAll
    static void createUser() throws Exception {
        child = new ChildLsa();
        osUser = child.newUser();
        uid = ChildLsa.uid(osUser);
    }

    @AfterAll
    static void removeUser() throws Exception {
        if (child != null) {
            child.close();
        }
    }

    @BeforeEach
    void init() throws Exception {
        realm = RunasRealm.create("olsa-runas-", uid);
        state = realm.state;
    }

    @AfterEach
    void clean() throws Exception {
        realm.close();
    }

    private ChildLsa.Result runas(String password, String... args) throws Exception {
        List<String> all = new java.util.ArrayList<>(List.of("--state", state.toString(), "runas"));
        all.addAll(List.of(args));
        return child.lsa(null, password + "\n", all.toArray(String[]::new));
    }

    @Test
    void theProgramRunsAsTheAccountAndWritesToTheCommandsOwnOutput() throws Exception {
        ChildLsa.Result r = runas(ALICE_PW, "--user", "alice", "--password-stdin", "--", "/usr/bin/id", "-u");
        assertEquals(0, r.exit(), r.err());
        assertEquals(Long.toString(uid), r.out().strip(), "id -u as alice's linked uid, on runas's stdout");
        assertTrue(r.err().contains("no daemon serves"), r.err());

        List<String> audit = Files.readAllLines(state.resolve("audit.jsonl"));
        assertTrue(audit.stream().anyMatch(l -> l.contains("\"event\":\"processStart\"") && l.contains("\"user\":\"alice\"")
                && l.contains("\"origin\":\"CreateProcessWithLogon\"") && l.contains("\"callerName\":")
                && l.contains("\"program\":\"/usr/bin/id\"")), String.join("\n", audit));
        InProcessCli.Run shown = InProcessCli.lsa(state, "audit");
        assertTrue(shown.out().lines().anyMatch(l -> l.contains("processStart") && l.contains("CONTOSO\\alice via NT AUTHORITY\\SYSTEM")),
                shown.out());
    }

    @Test
    void aBareNameIsFoundInTheAccountsLoginPathNotTheCallers() throws Exception {
        // The caller's PATH is the child JVM's environment; runas never reads it: "id" comes from the login PATH.
        ChildLsa.Result r = runas(ALICE_PW, "-u", "alice", "--password-stdin", "id", "-u");
        assertEquals(0, r.exit(), r.err());
        assertEquals(Long.toString(uid), r.out().strip());
        // --env PATH is the account's PATH for this program: a directory holding no "id" finds nothing.
        ChildLsa.Result none = runas(ALICE_PW, "-u", "alice", "--password-stdin", "--env", "PATH=/nonexistent", "id");
        assertEquals(5, none.exit(), none.err());
        assertTrue(none.err().contains("STATUS_OBJECT_NAME_NOT_FOUND"), none.err());
    }

    @Test
    void theExitCodeIsTheProgramsAnd128PlusTheSignalThatKilledIt() throws Exception {
        ChildLsa.Result seven = runas(ALICE_PW, "--user", "alice", "--password-stdin", "--", "/bin/sh", "-c", "exit 7");
        assertEquals(7, seven.exit(), seven.err());
        ChildLsa.Result killed = runas(ALICE_PW, "--user", "alice", "--password-stdin", "--", "/bin/sh", "-c",
                "kill -TERM $$");
        assertEquals(128 + 15, killed.exit(), killed.err());
    }

    @Test
    void theEnvironmentAndDirectoryOptionsReachTheProgram() throws Exception {
        ChildLsa.Result r = runas(ALICE_PW, "--user", "alice", "--password-stdin", "--env", "GREETING=hi there",
                "--dir", "/tmp", "--", "/bin/sh", "-c", "echo \"$GREETING|$(pwd)|$USER\"");
        assertEquals(0, r.exit(), r.err());
        assertEquals("hi there|/tmp|" + osUser, r.out().strip());
    }

    @Test
    void aWrongPasswordIsExit3AndRunsNothing() throws Exception {
        ChildLsa.Result r = runas("wrong-password", "--user", "alice", "--password-stdin", "--", "/usr/bin/id", "-u");
        assertEquals(3, r.exit(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().contains("lsa runas: ") && r.err().contains("STATUS_LOGON_FAILURE"), r.err());
        assertTrue(!r.err().contains("wrong-password"), "the password is never shown");
    }

    @Test
    void aMissingProgramIsOneLineAndExit5() throws Exception {
        ChildLsa.Result r = runas(ALICE_PW, "--user", "alice", "--password-stdin", "--", "/usr/bin/nope-olsa");
        assertEquals(5, r.exit(), r.err());
        assertTrue(r.err().lines().anyMatch(l -> l.equals(
                "lsa runas: no such program: /usr/bin/nope-olsa (STATUS_OBJECT_NAME_NOT_FOUND)")), r.err());
    }

    @Test
    void aNetworkTypeAndMixingSessionWithUserOptionsAreBadUsage() throws Exception {
        InProcessCli.Run network = InProcessCli.lsa(state, "runas", "--user", "alice", "--type", "network",
                "--password-stdin", "--", "/usr/bin/id");
        assertEquals(2, network.exit(), network.err());
        InProcessCli.Run both = InProcessCli.lsa(state, "runas", "--user", "alice", "--session", "0x3e7", "--",
                "/usr/bin/id");
        assertEquals(2, both.exit(), both.err());
        InProcessCli.Run mixed = InProcessCli.lsa(state, "runas", "--session", "0x3e7", "--type", "batch", "--",
                "/usr/bin/id");
        assertEquals(2, mixed.exit(), mixed.err());
    }

    @Test
    void inLocalSystemsSessionTheProgramRunsAsRoot() throws Exception {
        // In process the CLI is LocalSystem (SeTcbPrivilege): the session's token is its own, uid 0.
        ChildLsa.Result r = runas("", "--session", "0x3e7", "--", "id", "-u");
        assertEquals(0, r.exit(), r.err());
        assertEquals("0", r.out().strip());
        ChildLsa.Result none = runas("", "--session", "0x7fffffff", "--", "/usr/bin/id");
        assertEquals(5, none.exit(), none.err());
        assertTrue(none.err().contains("STATUS_NO_SUCH_LOGON_SESSION"), none.err());
    }

    /**
     * SIGTERM, SIGINT (the terminal's Ctrl-C) and SIGHUP to runas reach the program, and runas waits for it. Without
     * forwarding the JVM would end at once (143, 130, 129) and leave the program running. Each arrives as itself
     * (docs/cli.md, "lsa runas"). The program ends by itself after
     * a minute (printing "not signalled"), so a broken forwarding fails the test instead of leaving it hanging.
     */
    @Test
    void sigtermSigintAndSighupToRunasReachTheProgramAndRunasExitsWithItsStatus() throws Exception {
        for (String signal : List.of("TERM", "INT", "HUP")) {
            Process p = child.start(null, ALICE_PW + "\n", "--state", state.toString(), "runas", "--user", "alice",
                    "--password-stdin", "--", "/bin/sh", "-c", "for s in TERM INT HUP; do trap \"echo got $s; exit 3\" $s;"
                            + " done; echo started; i=0; while [ $i -lt 60 ]; do sleep 1; i=$((i+1)); done; echo not signalled");
            java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8));
            assertEquals("started", out.readLine(), "the program runs");
            new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
            assertEquals("got " + signal, out.readLine(), "the program received SIG" + signal + ", passed on");
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "runas ends once its program has");
            assertEquals(3, p.exitValue(), "runas waited for the program and exits with its code");
        }
    }

    @Test
    void theAccountsLogonRightForTheTypeAppliesAndKerberosLogsOnToo() throws Exception {
        ChildLsa.Result batch = runas(ALICE_PW, "--user", "alice", "--type", "batch", "--password-stdin", "--",
                "/usr/bin/id", "-u");
        assertEquals(4, batch.exit(), "no SeBatchLogonRight: " + batch.err());
        assertTrue(batch.err().contains("STATUS_LOGON_TYPE_NOT_GRANTED"), batch.err());
        realm.asRoot("", "rights", "grant", "SeBatchLogonRight", "alice");
        ChildLsa.Result granted = runas(ALICE_PW, "--user", "alice", "--type", "batch", "--password-stdin", "--",
                "/usr/bin/id", "-u");
        assertEquals(0, granted.exit(), granted.err());
        assertEquals(Long.toString(uid), granted.out().strip());

        ChildLsa.Result kerberos = runas(ALICE_PW, "--user", "alice", "--package", "kerberos", "--password-stdin",
                "--", "/usr/bin/id", "-u");
        assertEquals(0, kerberos.exit(), kerberos.err());
        assertEquals(Long.toString(uid), kerberos.out().strip());
        assertTrue(Files.readAllLines(state.resolve("audit.jsonl")).stream().anyMatch(l ->
                l.contains("\"event\":\"processStart\"") && l.contains("\"package\":\"Kerberos\"")), "a Kerberos session");
    }
}
