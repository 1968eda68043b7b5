package org.openlsa.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openlsa.kdc.TestRealm;
import org.openlsa.peers.KcmClientScript;
import org.openlsa.peers.KcmStep;
import org.openlsa.peers.ThrowawayUnixUser;
import org.openlsa.peers.UnixIdentity;

/**
 * KCM servers compared through MIT's own client tools: one script of kinit, klist, kswitch, kvno and kdestroy,
 * run by two throwaway OS users (A and B) and root against each server in {@link #servers()}, must give every
 * server the same normalised transcript as the first (Debian's sssd-kcm, the reference); and each server must show
 * the behaviour asserted step by step below: a uid's caches form its own collection (several caches, one default,
 * kswitch, kdestroy -A), and another uid, root included, can neither list, read, switch to, write nor destroy them.
 *
 * <p>The tickets come from the embedded KDC (one realm for the class); each server starts empty and runs the
 * script once, in {@link #runScriptOnEveryServer()}. Needs root (useradd, setpriv, sssd-kcm's mount namespace).
 */
class KcmOracleTest {
    private static final String ALICE_PW = "Wonderland-kcm-1";
    private static final String BOB_PW = "Builder-kcm-pw-2";
    private static final String SPN = "HTTP/kcm.test";

    private static TestRealm realm;
    private static ThrowawayUnixUser userA;
    private static ThrowawayUnixUser userB;
    private static final Map<String, Run> runs = new LinkedHashMap<>();

    /**
     * The servers compared, the reference first. Another server joins the comparison by one more entry here, e.g.
     * {@code new KcmEndpoint.Server("openlsa", () -> ...)} returning a {@link KcmEndpoint} on its socket (started
     * fresh and stopped by its close()), or, without a code change, through the system property
     * {@code openlsa.kcm.endpoints} ({@link KcmEndpoint#fromSystemProperty()}).
     */
    static List<KcmEndpoint.Server> servers() {
        List<KcmEndpoint.Server> servers = new java.util.ArrayList<>();
        servers.add(new KcmEndpoint.Server("sssd-kcm", KcmEndpoint::sssdKcm));
        servers.add(new KcmEndpoint.Server("openlsa", KcmEndpoint::openLsa));
        servers.addAll(KcmEndpoint.fromSystemProperty());
        return List.copyOf(servers);
    }

    static Stream<String> serverNames() {
        return servers().stream().map(KcmEndpoint.Server::name);
    }

    /** One server's run of the script: its steps by key, in order, and the normalised transcript. */
    record Run(String server, Map<String, KcmStep> steps, String transcript, String diagnostics) {
        KcmStep step(String key) {
            KcmStep s = steps.get(key);
            if (s == null) {
                throw new IllegalArgumentException("no step " + key);
            }
            return s;
        }
    }

    @BeforeAll
    static void runScriptOnEveryServer() throws Exception {
        realm = TestRealm.start();
        realm.addUser("alice", ALICE_PW);
        realm.addUser("bob", BOB_PW);
        realm.addService("kcmweb", "Spider-silk-pw-3", SPN);
        userA = ThrowawayUnixUser.create("kcma", "A");
        userB = ThrowawayUnixUser.create("kcmb", "B");
        for (KcmEndpoint.Server server : servers()) {
            try (KcmEndpoint endpoint = server.start();
                 KcmClientScript script = KcmClientScript.create(endpoint.socket(), TestRealm.REALM, "127.0.0.1",
                         realm.server.port())) {
                Map<String, KcmStep> steps = runScript(script);
                runs.put(server.name(), new Run(server.name(), steps, script.normalisedTranscript(),
                        endpoint.diagnostics()));
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (userA != null) {
            userA.close();
        }
        if (userB != null) {
            userB.close();
        }
        if (realm != null) {
            realm.close();
        }
    }

    /** The script every server gets; step keys name who does what. */
    private static Map<String, KcmStep> runScript(KcmClientScript s) throws Exception {
        UnixIdentity a = userA.identity();
        UnixIdentity b = userB.identity();
        UnixIdentity root = UnixIdentity.root();
        String aDefault = "KCM:" + a.uid();
        String aSecond = "KCM:" + a.uid() + ":second";
        Map<String, KcmStep> steps = new LinkedHashMap<>();
        steps.put("A kinit alice", s.kinit(a, ALICE_PW, "alice"));
        steps.put("A klist", s.run(a, "klist"));
        steps.put("A kinit second", s.kinit(a, ALICE_PW, "-c", aSecond, "alice"));
        // The default cache holds alice: MIT's kinit makes bob a new cache (GEN_NEW) and switches to it.
        steps.put("A kinit bob", s.kinit(a, BOB_PW, "bob"));
        steps.put("A klist bob", s.run(a, "klist"));
        steps.put("A klist -l three", s.run(a, "klist", "-l"));
        steps.put("A kvno", s.run(a, "kvno", SPN));
        steps.put("A kswitch second", s.run(a, "kswitch", "-c", aSecond));
        steps.put("A klist second", s.run(a, "klist"));
        steps.put("A kswitch -p bob", s.run(a, "kswitch", "-p", "bob"));
        steps.put("A klist bob again", s.run(a, "klist"));
        steps.put("B klist -l", s.run(b, "klist", "-l"));
        steps.put("B klist A's default", s.run(b, "klist", aDefault));
        steps.put("B klist A's second", s.run(b, "klist", aSecond));
        steps.put("B kvno with A's cache", s.run(b, "kvno", "-c", aDefault, SPN));
        steps.put("B kswitch to A's", s.run(b, "kswitch", "-c", aSecond));
        steps.put("B kinit into A's", s.kinit(b, ALICE_PW, "-c", "KCM:" + a.uid() + ":third", "alice"));
        steps.put("B kdestroy A's", s.run(b, "kdestroy", "-c", aSecond));
        steps.put("B kinit alice", s.kinit(b, ALICE_PW, "alice"));
        steps.put("B klist -l own", s.run(b, "klist", "-l"));
        steps.put("root klist -l", s.run(root, "klist", "-l"));
        steps.put("root klist A's default", s.run(root, "klist", aDefault));
        steps.put("A klist -l unharmed", s.run(a, "klist", "-l"));
        steps.put("A kdestroy", s.run(a, "kdestroy"));
        steps.put("A klist -l two", s.run(a, "klist", "-l"));
        steps.put("A kdestroy -A", s.run(a, "kdestroy", "-A"));
        steps.put("A klist -l none", s.run(a, "klist", "-l"));
        steps.put("A klist none", s.run(a, "klist"));
        steps.put("B klist -l still own", s.run(b, "klist", "-l"));
        steps.put("B kdestroy -A", s.run(b, "kdestroy", "-A"));
        return steps;
    }

    private static Run run(String server) {
        Run r = runs.get(server);
        if (r == null) {
            throw new IllegalStateException("no run for " + server);
        }
        return r;
    }

    /** The cache rows of a {@code klist -l} (after its two header lines). */
    private static List<String> rows(KcmStep klistL) {
        return klistL.stdout().lines().filter(l -> !l.isBlank() && !l.startsWith("Principal name")
                && !l.startsWith("--------------")).map(String::strip).toList();
    }

    private static void exit(Run r, String key, int expected) {
        KcmStep s = r.step(key);
        assertEquals(expected, s.exitCode(), () -> r.server() + ": " + s.describe() + "\n" + r.diagnostics());
    }

    @ParameterizedTest
    @MethodSource("serverNames")
    void aUidsCachesFormItsOwnCollection(String server) {
        Run r = run(server);
        String a = Integer.toString(userA.identity().uid());
        for (String key : List.of("A kinit alice", "A klist", "A kinit second", "A kinit bob", "A klist bob",
                "A klist -l three", "A kvno", "A kswitch second", "A klist second", "A kswitch -p bob",
                "A klist bob again", "A klist -l unharmed", "A kdestroy", "A klist -l two", "A kdestroy -A")) {
            exit(r, key, 0);
        }
        assertTrue(r.step("A klist").stdout().contains("Ticket cache: KCM:" + a + "\n"), r.step("A klist")::describe);
        assertTrue(r.step("A klist").stdout().contains("Default principal: alice@" + TestRealm.REALM),
                r.step("A klist")::describe);
        KcmStep bob = r.step("A klist bob");
        assertTrue(bob.stdout().contains("Default principal: bob@" + TestRealm.REALM), bob::describe);
        assertTrue(bob.stdout().matches("(?s)Ticket cache: KCM:" + a + ":\\S+\n.*"),
                "bob's cache is a new one of A's: " + bob.describe());
        List<String> three = rows(r.step("A klist -l three"));
        assertEquals(3, three.size(), r.step("A klist -l three")::describe);
        assertTrue(three.stream().allMatch(row -> row.matches("(alice|bob)@\\S+\\s+KCM:" + a + "(:\\S+)?")), three::toString);
        assertTrue(three.stream().anyMatch(row -> row.endsWith(" KCM:" + a + ":second")), three::toString);
        KcmStep second = r.step("A klist second");
        assertTrue(second.stdout().contains("Ticket cache: KCM:" + a + ":second\n"), second::describe);
        KcmStep bobAgain = r.step("A klist bob again");
        assertTrue(bobAgain.stdout().contains("Default principal: bob@"), bobAgain::describe);
        assertTrue(bobAgain.stdout().contains(SPN + "@" + TestRealm.REALM), "kvno's ticket went into bob's cache: "
                + bobAgain.describe());
        assertEquals(three, rows(r.step("A klist -l unharmed")), "B's attempts changed nothing of A's");
        List<String> two = rows(r.step("A klist -l two"));
        assertEquals(2, two.size(), r.step("A klist -l two")::describe);
        assertTrue(two.stream().noneMatch(row -> row.startsWith("bob@")), "kdestroy destroyed the default: " + two);
        exit(r, "A klist -l none", 1);
        assertEquals(List.of(), rows(r.step("A klist -l none")));
        exit(r, "A klist none", 1);
    }

    @ParameterizedTest
    @MethodSource("serverNames")
    void anotherUidNeitherSeesNorTouchesThem(String server) {
        Run r = run(server);
        exit(r, "B klist -l", 1);
        assertEquals(List.of(), rows(r.step("B klist -l")));
        exit(r, "B klist A's default", 1);
        exit(r, "B klist A's second", 1);
        for (String key : List.of("B klist A's default", "B klist A's second", "B kvno with A's cache",
                "B kswitch to A's", "B kinit into A's", "B kdestroy A's")) {
            KcmStep s = r.step(key);
            assertFalse(s.stdout().contains("Default principal") || s.stdout().contains("krbtgt/"),
                    () -> server + " showed A's cache to B: " + s.describe());
        }
        for (String key : List.of("B kvno with A's cache", "B kswitch to A's", "B kinit into A's")) {
            KcmStep s = r.step(key);
            assertTrue(s.exitCode() != 0, () -> server + " let B use A's cache: " + s.describe());
        }
        exit(r, "B kinit alice", 0);
        List<String> own = rows(r.step("B klist -l own"));
        assertEquals(List.of("alice@" + TestRealm.REALM + " KCM:" + userB.identity().uid()),
                own.stream().map(row -> row.replaceAll("\\s+", " ")).toList(), "B sees only its own cache");
        assertEquals(own, rows(r.step("B klist -l still own")), "A's kdestroy -A left B's cache alone");
        exit(r, "root klist -l", 1);
        assertEquals(List.of(), rows(r.step("root klist -l")), "root's collection is root's alone");
        if (rootNamesOthersCaches(server)) {
            // SeTcbPrivilege, and root said so by naming the cache: it reads A's (issue 20, docs/kcm.md).
            exit(r, "root klist A's default", 0);
            assertTrue(r.step("root klist A's default").stdout().contains("Default principal: alice@"),
                    r.step("root klist A's default")::describe);
        } else {
            exit(r, "root klist A's default", 1);
        }
        exit(r, "B kdestroy -A", 0);
    }

    /**
     * The one behaviour in which the servers differ by design: OpenLSA lets a SeTcbPrivilege holder (root) read a cache
     * it names; sssd-kcm lets no other uid, root included.
     */
    static boolean rootNamesOthersCaches(String server) {
        return server.equals("openlsa");
    }

    /** The transcript without root's naming of A's cache, the step where the servers differ by design. */
    private static String comparable(String transcript) {
        return transcript.replaceAll("(?ms)^\\[root\\] klist KCM:<A>\n.*?(?=^\\[)", "");
    }

    /**
     * sssd-kcm's exact answers (MIT 1.20's texts for the KCM error codes it returns): what another server must
     * print too, since the transcripts are compared. Names: the default cache is {@code KCM:<uid>}; kinit's new
     * cache is {@code KCM:<uid>:<digits>}.
     */
    @Test
    void sssdKcmAnswersAsRecorded() {
        Run r = run("sssd-kcm");
        String a = Integer.toString(userA.identity().uid());
        assertTrue(r.step("A klist bob").stdout().matches("(?s)Ticket cache: KCM:" + a + ":\\d+\n.*"),
                r.step("A klist bob")::describe);
        assertEquals("klist: Credentials cache 'KCM:" + a + "' not found\n", r.step("B klist A's default").stderr());
        assertEquals("klist: Credentials cache 'KCM:" + a + ":second' not found\n",
                r.step("B klist A's second").stderr());
        // sssd-kcm refuses another uid's name in SET_DEFAULT_CACHE and INITIALIZE with KRB5_FCC_INTERNAL.
        assertEquals("kswitch: Internal credentials cache error while switching to credential cache\n",
                r.step("B kswitch to A's").stderr());
        exit(r, "B kswitch to A's", 1);
        assertEquals("kinit: Failed to store credentials: Internal credentials cache error while getting initial "
                + "credentials\n", r.step("B kinit into A's").stderr());
        exit(r, "B kinit into A's", 1);
        // kdestroy of a cache that does not exist (for B) succeeds, after saying so.
        assertEquals("kdestroy: No credentials cache found while destroying cache\n",
                r.step("B kdestroy A's").stderr());
        exit(r, "B kdestroy A's", 0);
        // kdestroy of the default cache when others remain says so, unprefixed, and succeeds.
        assertEquals("Other credential caches present, use -A to destroy all\n", r.step("A kdestroy").stderr());
        assertEquals("kvno: Credentials cache 'KCM:" + a + "' not found while getting client principal name\n",
                r.step("B kvno with A's cache").stderr());
        assertEquals("klist: Credentials cache 'KCM:" + a + "' not found\n", r.step("A klist none").stderr());
    }

    /** Every server prints what the reference printed, step for step (normalised: no times, uids or random names). */
    @Test
    void everyServerMatchesTheReferenceTranscript() {
        String reference = servers().getFirst().name();
        String expected = run(reference).transcript();
        assertTrue(expected.contains("[A] kinit -c KCM:<A>:second alice\nexit 0\n"), expected);
        assertTrue(expected.contains("Ticket cache: KCM:<A>:<new-1>"), expected);
        assertTrue(comparable(expected).length() < expected.length(), "the root step is cut out: " + expected);
        for (KcmEndpoint.Server server : servers()) {
            assertEquals(comparable(expected), comparable(run(server.name()).transcript()),
                    server.name() + " against " + reference);
        }
    }
}
