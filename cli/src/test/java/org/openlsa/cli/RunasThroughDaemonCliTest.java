package org.openlsa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openlsa.daemon.LsaDaemon;
import org.openlsa.daemon.Lsad;

/**
 * {@code lsa runas} by an ordinary OS user through the daemon, as Windows' runas reaches the secondary-logon service:
 * the user cannot open the account database, knows alice's password, and runs a program as alice (linked to a second
 * throwaway OS user) whose output reaches the user's own standard output: the daemon starts it with the descriptors
 * the client passed over the socket. Needs the daemon's CREATE_PROCESS_WITH_LOGON and the client's
 * createProcessWithLogon (docs/ipc.md, opcodes 19-23).
 */
class RunasThroughDaemonCliTest {

    private static final String ALICE_PW = RunasRealm.ALICE_PW;
    private static ChildLsa child;
    private static String caller;
    private static String aliceOs;
    private static long aliceUid;

    private RunasRealm realm;
    private Path state;
    private Lsad lsad;

    @BeforeAll
    static void createUsers() throws Exception {
        child = new ChildLsa();
        caller = child.newUser();
        aliceOs = child.newUser();
        aliceUid = ChildLsa.uid(aliceOs);
    }

    @AfterAll
    static void removeUsers() throws Exception {
        if (child != null) {
            child.close();
        }
    }

    @BeforeEach
    void serve() throws Exception {
        realm = RunasRealm.create("olsa-runasd-", aliceUid);
        state = realm.state;
        lsad = Lsad.start(LsaDaemon.Options.defaults(state));
    }

    @AfterEach
    void stop() throws Exception {
        if (lsad != null) {
            lsad.close();
        }
        realm.close();
    }

    private ChildLsa.Result lsa(String input, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--state", state.toString()));
        all.addAll(List.of(args));
        return child.lsa(caller, input, all.toArray(String[]::new));
    }

    @Test
    void anOrdinaryUserWithAlicesPasswordRunsAProgramAsAliceOnItsOwnTerminal() throws Exception {
        ChildLsa.Result r = lsa(ALICE_PW + "\n", "runas", "--user", "alice", "--password-stdin", "--", "/usr/bin/id",
                "-u");
        assertEquals(0, r.exit(), r.err());
        assertEquals(Long.toString(aliceUid), r.out().strip(), "alice's uid, written to the caller's own stdout");
        ChildLsa.Result seven = lsa(ALICE_PW + "\n", "runas", "--user", "alice", "--password-stdin", "--", "/bin/sh",
                "-c", "exit 7");
        assertEquals(7, seven.exit(), seven.err());
        String via = "CONTOSO\\alice via Unix User\\" + ChildLsa.uid(caller);
        InProcessCli.Run audit = InProcessCli.lsa(state, "audit");
        assertTrue(audit.out().lines().anyMatch(l -> l.contains("processStart") && l.contains(via)), audit.out());
    }

    @Test
    void aWrongPasswordIsExit3() throws Exception {
        ChildLsa.Result r = lsa("not-the-password\n", "runas", "--user", "alice", "--password-stdin", "--",
                "/usr/bin/id");
        assertEquals(3, r.exit(), r.err());
        assertTrue(r.err().contains("STATUS_LOGON_FAILURE"), r.err());
    }

    /**
     * With SeTcbPrivilege (granted here to the caller's Unix User SID, before the daemon derives its token), the
     * caller names another logon session: QUERY_USER_TOKEN gives its token, and the program runs as that session's
     * account, here alice's, whose session a runas of her own holds open meanwhile.
     */
    @Test
    void withSeTcbPrivilegeAProgramRunsInAnotherUsersSession() throws Exception {
        lsad.close();
        realm.asRoot("", "rights", "grant", "SeTcbPrivilege", "S-1-22-1-" + ChildLsa.uid(caller));
        lsad = Lsad.start(LsaDaemon.Options.defaults(state));
        Process holder = child.start(caller, ALICE_PW + "\n", "--state", state.toString(), "runas", "--user", "alice",
                "--password-stdin", "--", "/bin/sh", "-c", "echo started; exec sleep 60");
        try {
            java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(
                    holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("started", out.readLine(), "alice's first program runs, holding her session");
            InProcessCli.Run sessions = InProcessCli.lsa(state, "sessions");
            String luid = sessions.out().lines().filter(l -> l.contains("alice")).map(l -> l.strip().split("\\s+")[0])
                    .findFirst().orElseThrow(() -> new AssertionError("no session of alice: " + sessions.out()));
            ChildLsa.Result r = lsa("", "runas", "--session", luid, "--", "/usr/bin/id", "-u");
            assertEquals(0, r.exit(), r.err());
            assertEquals(Long.toString(aliceUid), r.out().strip(), "the session's account, not the caller");
        } finally {
            holder.destroy();
            holder.waitFor();
        }
    }

    @Test
    void anotherSessionNeedsSeTcbPrivilege() throws Exception {
        ChildLsa.Result r = lsa("", "runas", "--session", "0x3e7", "--", "/usr/bin/id");
        assertEquals(5, r.exit(), r.err());
        assertTrue(r.err().contains("STATUS_PRIVILEGE_NOT_HELD"), r.err());
    }
}
