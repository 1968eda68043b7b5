package org.openlsa.kcm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openlsa.kcm.KcmFrames.Reply;
import org.openlsa.kcm.LogonSessionCaches.LogonSessionCache;
import org.openlsa.krb5.files.Credential;
import org.openlsa.krb5.files.Principal;

class KcmServiceTest {
    private static final Principal ALICE = Principal.of("EXAMPLE.TEST", "alice");
    private static final Principal TGT = Principal.of("EXAMPLE.TEST", "krbtgt", "EXAMPLE.TEST");
    private static final Principal HTTP = new Principal(Principal.NT_SRV_HST, List.of("HTTP", "web.example.test"),
            "EXAMPLE.TEST");
    private static final KcmPeer ALICE_SHELL = new KcmPeer(1000, 1000, 4242, false);
    private static final KcmPeer BOB = new KcmPeer(1001, 1001, 4343, false);
    private static final KcmPeer ROOT = new KcmPeer(0, 0, 1, true);

    private final FakeSessions sessions = new FakeSessions();
    private final KcmService kcm = new KcmService(sessions, KcmService.Limits.DEFAULT, new SecureRandom());

    private Reply call(KcmPeer peer, KcmFrames f) {
        return Reply.of(kcm.handle(peer, f.frame()));
    }

    private Reply ok(KcmPeer peer, KcmFrames f) {
        Reply r = call(peer, f);
        assertEquals(KcmStatus.SUCCESS, r.status(), "status");
        return r;
    }

    private void replace(KcmPeer peer, String name, Principal client, Credential... creds) {
        KcmFrames f = KcmFrames.op(KcmOpcode.REPLACE).name(name).u32(0).principal(client).u32(creds.length);
        for (Credential c : creds) {
            byte[] b = KcmFrames.encode(c);
            f.u32(b.length).bytes(b);
        }
        ok(peer, f);
    }

    @Test
    void kinitThenKlistThenKvnoAsMitDoesThem() throws Exception {
        String def = KcmFrames.name(ok(ALICE_SHELL, KcmFrames.op(KcmOpcode.GET_DEFAULT_CACHE)).payload());
        assertEquals("1000", def);
        assertEquals(KcmStatus.FCC_NOFILE, call(ALICE_SHELL, KcmFrames.op(KcmOpcode.GET_PRINCIPAL).name(def)).status());

        Credential tgt = KcmFrames.ticket(ALICE, TGT, (byte) 1);
        byte[] tgtBytes = KcmFrames.encode(tgt);
        replace(ALICE_SHELL, def, ALICE, tgt);
        assertEquals(ALICE, KcmFrames.principal(ok(ALICE_SHELL, KcmFrames.op(KcmOpcode.GET_PRINCIPAL).name(def))
                .payload()));
        List<Credential> list = KcmFrames.credentialList(ok(ALICE_SHELL, KcmFrames.op(KcmOpcode.GET_CRED_LIST)
                .name(def)).payload());
        assertEquals(1, list.size());
        assertArrayEquals(tgtBytes, KcmFrames.encode(list.get(0)));

        // kvno: not cached yet (NOTFOUND: the client asks the KDC itself), then stored, then found.
        KcmFrames retrieveHttp = KcmFrames.op(KcmOpcode.RETRIEVE).name(def).tag(CredentialTag.GC_CACHED, ALICE, HTTP);
        assertEquals(KcmStatus.CC_NOTFOUND, call(ALICE_SHELL, retrieveHttp).status());
        Credential http = KcmFrames.ticket(ALICE, HTTP, (byte) 2);
        byte[] httpBytes = KcmFrames.encode(http);
        ok(ALICE_SHELL, KcmFrames.op(KcmOpcode.STORE).name(def).credential(http));
        assertArrayEquals(httpBytes, ok(ALICE_SHELL, KcmFrames.op(KcmOpcode.RETRIEVE).name(def)
                .tag(CredentialTag.GC_CACHED, ALICE, HTTP)).payload());
        // The server's realm is ignored only when asked (MATCH_SRV_NAMEONLY).
        Principal otherRealm = new Principal(Principal.NT_SRV_HST, HTTP.components(), "OTHER.TEST");
        assertEquals(KcmStatus.CC_NOTFOUND, call(ALICE_SHELL, KcmFrames.op(KcmOpcode.RETRIEVE).name(def)
                .tag(0, ALICE, otherRealm)).status());
        ok(ALICE_SHELL, KcmFrames.op(KcmOpcode.RETRIEVE).name(def).tag(CredentialTag.MATCH_SRV_NAMEONLY, ALICE,
                otherRealm));

        // The older iteration: UUID list, then each by UUID.
        List<UUID> uuids = KcmFrames.uuids(ok(ALICE_SHELL, KcmFrames.op(KcmOpcode.GET_CRED_UUID_LIST).name(def))
                .payload());
        assertEquals(2, uuids.size());
        assertArrayEquals(httpBytes, ok(ALICE_SHELL, KcmFrames.op(KcmOpcode.GET_CRED_BY_UUID).name(def)
                .uuid(uuids.get(1))).payload());
        assertEquals(KcmStatus.CC_END, call(ALICE_SHELL, KcmFrames.op(KcmOpcode.GET_CRED_BY_UUID).name(def)
                .uuid(new UUID(1, 2))).status());
    }

    @Test
    void anotherUidNeverSeesOrTouchesTheCachesAndRootDoesOnlyByNamingThem() throws Exception {
        replace(ALICE_SHELL, "1000", ALICE, KcmFrames.ticket(ALICE, TGT, (byte) 1));
        for (String name : List.of("1000", "1000:nonexistent")) {
            // The same answer whether the cache exists or not, sssd-kcm's: existence does not leak.
            assertEquals(KcmStatus.FCC_NOFILE, call(BOB, KcmFrames.op(KcmOpcode.GET_PRINCIPAL).name(name)).status());
            assertEquals(KcmStatus.FCC_NOFILE, call(BOB, KcmFrames.op(KcmOpcode.DESTROY).name(name)).status());
            assertEquals(KcmStatus.CC_NOTFOUND, call(BOB, KcmFrames.op(KcmOpcode.GET_CRED_LIST).name(name)).status());
            assertEquals(KcmStatus.FCC_INTERNAL, call(BOB, KcmFrames.op(KcmOpcode.SET_DEFAULT_CACHE).name(name))
                    .status());
        }
        assertEquals(KcmStatus.FCC_INTERNAL, call(BOB, KcmFrames.op(KcmOpcode.INITIALIZE).name("1000")
                .principal(ALICE)).status());
        assertEquals(KcmStatus.SUCCESS, call(ALICE_SHELL, KcmFrames.op(KcmOpcode.GET_PRINCIPAL).name("1000")).status(),
                "alice's cache is unharmed");
        assertEquals(KcmStatus.FCC_NOFILE, call(BOB, KcmFrames.op(KcmOpcode.GET_CACHE_UUID_LIST)).status(),
                "an empty collection, as sssd-kcm answers");
        List<UUID> alices = KcmFrames.uuids(ok(ALICE_SHELL, KcmFrames.op(KcmOpcode.GET_CACHE_UUID_LIST)).payload());
        assertEquals(1, alices.size());
        assertEquals(KcmStatus.CC_END, call(BOB, KcmFrames.op(KcmOpcode.GET_CACHE_BY_UUID).uuid(alices.get(0)))
                .status());
        assertEquals("1001", KcmFrames.name(ok(BOB, KcmFrames.op(KcmOpcode.GET_DEFAULT_CACHE)).payload()));

        // Root (SeTcbPrivilege) reads alice's cache when it names it, yet its own lists stay its own.
        assertEquals(ALICE, KcmFrames.principal(ok(ROOT, KcmFrames.op(KcmOpcode.GET_PRINCIPAL).name("1000"))
                .payload()));
        assertEquals(KcmStatus.FCC_NOFILE, call(ROOT, KcmFrames.op(KcmOpcode.GET_CACHE_UUID_LIST)).status());
        // Root without the privilege (a token without SeTcbPrivilege) is any other uid.
        KcmPeer plainRoot = new KcmPeer(0, 0, 2, false);
        assertEquals(KcmStatus.FCC_NOFILE, call(plainRoot, KcmFrames.op(KcmOpcode.GET_PRINCIPAL).name("1000"))
                .status());
    }

    @Test
    void collectionsGenNewSwitchAndDestroy() throws Exception {
        String fresh = KcmFrames.name(ok(ALICE_SHELL, KcmFrames.op(KcmOpcode.GEN_NEW)).payload());
        assertTrue(fresh.startsWith("1000:"), fresh);
        // A cache exists before it has a principal (openssh: new_unique, switch, initialize).
        assertEquals(KcmStatus.FCC_NOFILE, call(ALICE_SHELL, KcmFrames.op(KcmOpcode.GET_PRINCIPAL).name(fresh))
                .status());
        ok(ALICE_SHELL, KcmFrames.op(KcmOpcode.SET_DEFAULT_CACHE).name(fresh));
        assertEquals(fresh, KcmFrames.name(ok(ALICE_SHELL, KcmFrames.op(KcmOpcode.GET_DEFAULT_CACHE)).payload()));
        ok(ALICE_SHELL, KcmFrames.op(KcmOpcode.INITIALIZE).name(fresh).principal(ALICE));
        ok(ALICE_SHELL, KcmFrames.op(KcmOpcode.SET_KDC_OFFSET).name(fresh).u32(-7));
        assertArrayEquals(new byte[] {-1, -1, -1, -7}, ok(ALICE_SHELL, KcmFrames.op(KcmOpcode.GET_KDC_OFFSET)
                .name(fresh)).payload());
        List<UUID> uuids = KcmFrames.uuids(ok(ALICE_SHELL, KcmFrames.op(KcmOpcode.GET_CACHE_UUID_LIST)).payload());
        assertEquals(fresh, KcmFrames.name(ok(ALICE_SHELL, KcmFrames.op(KcmOpcode.GET_CACHE_BY_UUID)
                .uuid(uuids.get(0))).payload()));

        Credential stored = KcmFrames.ticket(ALICE, HTTP, (byte) 3);
        ok(ALICE_SHELL, KcmFrames.op(KcmOpcode.STORE).name(fresh).credential(stored));
        ok(ALICE_SHELL, KcmFrames.op(KcmOpcode.DESTROY).name(fresh));
        assertEquals(KcmStatus.FCC_NOFILE, call(ALICE_SHELL, KcmFrames.op(KcmOpcode.DESTROY).name(fresh)).status());
        assertEquals("1000", KcmFrames.name(ok(ALICE_SHELL, KcmFrames.op(KcmOpcode.GET_DEFAULT_CACHE)).payload()),
                "a destroyed default falls back to the uid's first");
        assertEquals(KcmStatus.FCC_NOFILE, call(ALICE_SHELL, KcmFrames.op(KcmOpcode.GET_CACHE_UUID_LIST)).status());
    }

    @Test
    void removeCredDropsWhatMatches() throws Exception {
        replace(ALICE_SHELL, "1000", ALICE, KcmFrames.ticket(ALICE, TGT, (byte) 1),
                KcmFrames.ticket(ALICE, HTTP, (byte) 2));
        ok(ALICE_SHELL, KcmFrames.op(KcmOpcode.REMOVE_CRED).name("1000").tag(0, ALICE, HTTP));
        assertEquals(KcmStatus.CC_NOTFOUND, call(ALICE_SHELL, KcmFrames.op(KcmOpcode.REMOVE_CRED).name("1000")
                .tag(0, ALICE, HTTP)).status());
        assertEquals(1, KcmFrames.credentialList(ok(ALICE_SHELL, KcmFrames.op(KcmOpcode.GET_CRED_LIST).name("1000"))
                .payload()).size());
    }

    @Test
    void badRequestsGetTheirStatusAndNothingElse() {
        assertEquals(KcmStatus.FCC_INTERNAL, call(ALICE_SHELL, KcmFrames.op(9999)).status());
        assertEquals(KcmStatus.CC_NOSUPP, call(ALICE_SHELL, KcmFrames.op(KcmOpcode.GET_TICKET).name("1000")).status());
        assertEquals(KcmStatus.SUCCESS, call(ALICE_SHELL, KcmFrames.op(KcmOpcode.NOOP)).status());
        assertEquals(KcmStatus.CC_IO, Reply.of(kcm.handle(ALICE_SHELL, new byte[] {1, 0, 0, 20})).status());
        assertEquals(KcmStatus.CC_FORMAT, Reply.of(kcm.handle(ALICE_SHELL, new byte[] {2, 0})).status());
        assertEquals(KcmStatus.CC_FORMAT, Reply.of(kcm.handle(ALICE_SHELL, new byte[0])).status());
        assertEquals(KcmStatus.CC_IO, call(ALICE_SHELL, KcmFrames.op(KcmOpcode.GET_PRINCIPAL)
                .bytes("1000".getBytes())).status());
        assertEquals(KcmStatus.CC_BADNAME, call(ALICE_SHELL, KcmFrames.op(KcmOpcode.GET_PRINCIPAL).name("")).status());
        assertEquals(KcmStatus.CC_BADNAME, call(ALICE_SHELL, KcmFrames.op(KcmOpcode.GET_PRINCIPAL).name("alice"))
                .status());
        assertEquals(KcmStatus.CC_BADNAME, call(ALICE_SHELL, KcmFrames.op(KcmOpcode.GET_PRINCIPAL).name("01000"))
                .status());
        assertEquals(KcmStatus.CC_BADNAME, call(ALICE_SHELL, KcmFrames.op(KcmOpcode.GET_PRINCIPAL)
                .name("1000:a\u0001b")).status());
        assertEquals(KcmStatus.CC_BADNAME, call(ALICE_SHELL, KcmFrames.op(KcmOpcode.GET_PRINCIPAL)
                .name("1000:" + "x".repeat(300))).status());
        // Plain caches cannot take a logon session's reserved form.
        assertEquals(KcmStatus.CC_BADNAME, call(ALICE_SHELL, KcmFrames.op(KcmOpcode.INITIALIZE)
                .name("1000:lsa-zz").principal(ALICE)).status());
        assertEquals(KcmStatus.CC_FORMAT, call(ALICE_SHELL, KcmFrames.op(KcmOpcode.GET_PRINCIPAL).name("1000")
                .u32(0)).status());
        // A credential count the frame cannot hold is refused before anything is allocated.
        assertEquals(KcmStatus.CC_FORMAT, call(ALICE_SHELL, KcmFrames.op(KcmOpcode.REPLACE).name("1000").u32(0)
                .principal(ALICE).u32(0x7FFFFFFF)).status());
        // A principal component length past the frame.
        assertEquals(KcmStatus.CC_FORMAT, call(ALICE_SHELL, KcmFrames.op(KcmOpcode.INITIALIZE).name("1000")
                .u32(1).u32(1).u32(0xFFFFFFF0)).status());
    }

    @Test
    void limitsPerUidAreEnforced() {
        KcmService small = new KcmService(sessions, new KcmService.Limits(2, 1, 1 << 20), new SecureRandom());
        assertEquals(KcmStatus.SUCCESS, Reply.of(small.handle(ALICE_SHELL, KcmFrames.op(KcmOpcode.GEN_NEW).frame()))
                .status());
        assertEquals(KcmStatus.SUCCESS, Reply.of(small.handle(ALICE_SHELL, KcmFrames.op(KcmOpcode.INITIALIZE)
                .name("1000").principal(ALICE).frame())).status());
        assertEquals(KcmStatus.CC_WRITE, Reply.of(small.handle(ALICE_SHELL, KcmFrames.op(KcmOpcode.GEN_NEW).frame()))
                .status());
        // Bob's share is his own.
        assertEquals(KcmStatus.SUCCESS, Reply.of(small.handle(BOB, KcmFrames.op(KcmOpcode.GEN_NEW).frame()))
                .status());
        assertEquals(KcmStatus.SUCCESS, Reply.of(small.handle(ALICE_SHELL, KcmFrames.op(KcmOpcode.STORE).name("1000")
                .credential(KcmFrames.ticket(ALICE, TGT, (byte) 1)).frame())).status());
        assertEquals(KcmStatus.CC_WRITE, Reply.of(small.handle(ALICE_SHELL, KcmFrames.op(KcmOpcode.STORE)
                .name("1000").credential(KcmFrames.ticket(ALICE, HTTP, (byte) 2)).frame())).status());
    }

    // ---- logon sessions ----

    private static final KcmPeer ALICE_IN_SESSION = new KcmPeer(1000, 1000, 5000, false);

    @Test
    void aProcessOfTheSessionSeesTheSessionsLiveTicketsAsItsDefaultCache() throws Exception {
        FakeSession s = sessions.add("00000000000a1b2c", 1000, ALICE, 5000);
        s.tickets.add(KcmFrames.ticket(ALICE, TGT, (byte) 1));
        String def = KcmFrames.name(ok(ALICE_IN_SESSION, KcmFrames.op(KcmOpcode.GET_DEFAULT_CACHE)).payload());
        assertEquals("1000:lsa-00000000000a1b2c", def);
        assertEquals(ALICE, KcmFrames.principal(ok(ALICE_IN_SESSION, KcmFrames.op(KcmOpcode.GET_PRINCIPAL).name(def))
                .payload()));
        assertEquals(1, KcmFrames.credentialList(ok(ALICE_IN_SESSION, KcmFrames.op(KcmOpcode.GET_CRED_LIST)
                .name(def)).payload()).size());
        // Renewal replaced the TGT: the next read shows the new one.
        s.tickets.set(0, KcmFrames.ticket(ALICE, TGT, (byte) 9));
        List<Credential> now = KcmFrames.credentialList(ok(ALICE_IN_SESSION, KcmFrames.op(KcmOpcode.GET_CRED_LIST)
                .name(def)).payload());
        assertEquals(9, now.get(0).ticket()[4]);
        // The copies handed to the view were destroyed after use; the session's own keys live on.
        assertTrue(s.handedOut.stream().allMatch(c -> c.key().key().isDestroyed()));
        assertFalse(s.tickets.get(0).key().key().isDestroyed());

        // The session's cache is in the collection of its processes, and no one else's, not even alice's shell.
        assertEquals(1, KcmFrames.uuids(ok(ALICE_IN_SESSION, KcmFrames.op(KcmOpcode.GET_CACHE_UUID_LIST))
                .payload()).size());
        assertEquals(KcmStatus.FCC_NOFILE, call(ALICE_SHELL, KcmFrames.op(KcmOpcode.GET_CACHE_UUID_LIST)).status());
        assertEquals("1000", KcmFrames.name(ok(ALICE_SHELL, KcmFrames.op(KcmOpcode.GET_DEFAULT_CACHE)).payload()));
        assertEquals(KcmStatus.CC_NOTFOUND, call(ALICE_SHELL, KcmFrames.op(KcmOpcode.GET_CRED_LIST).name(def))
                .status());
        assertEquals(KcmStatus.CC_NOTFOUND, call(BOB, KcmFrames.op(KcmOpcode.GET_CRED_LIST).name(def)).status());
        ok(ROOT, KcmFrames.op(KcmOpcode.GET_CRED_LIST).name(def));
    }

    @Test
    void aMissingServiceTicketIsFetchedByTheLsaAndStoredOnesLastUntilLogoff() throws Exception {
        FakeSession s = sessions.add("00000000000a1b2c", 1000, ALICE, 5000);
        s.tickets.add(KcmFrames.ticket(ALICE, TGT, (byte) 1));
        String def = "1000:lsa-00000000000a1b2c";
        Reply fetched = ok(ALICE_IN_SESSION, KcmFrames.op(KcmOpcode.RETRIEVE).name(def)
                .tag(CredentialTag.GC_CACHED, ALICE, HTTP));
        assertEquals(HTTP, org.openlsa.krb5.files.CcacheMarshalling.decodeCredential(fetched.payload()).server());
        assertEquals(1, s.tgsRequests.get());
        // Configuration entries are never asked of the KDC.
        Principal conf = Principal.of(Credential.CONFIG_REALM, Credential.CONFIG_COMPONENT, "pa_type");
        assertEquals(KcmStatus.CC_NOTFOUND, call(ALICE_IN_SESSION, KcmFrames.op(KcmOpcode.RETRIEVE).name(def)
                .tag(0, ALICE, conf)).status());
        assertEquals(1, s.tgsRequests.get());

        Credential stored = KcmFrames.ticket(ALICE, Principal.of("EXAMPLE.TEST", "ldap", "dir"), (byte) 4);
        ok(ALICE_IN_SESSION, KcmFrames.op(KcmOpcode.STORE).name(def).credential(stored));
        assertEquals(3, KcmFrames.credentialList(ok(ALICE_IN_SESSION, KcmFrames.op(KcmOpcode.GET_CRED_LIST)
                .name(def)).payload()).size());
        // kdestroy in the session empties its view (not the LSA's session), kinit fills it again.
        assertTrue(kcm.bytesHeldBy(1000) > 0);
        ok(ALICE_IN_SESSION, KcmFrames.op(KcmOpcode.DESTROY).name(def));
        assertEquals(0, kcm.bytesHeldBy(1000));
        assertEquals(KcmStatus.FCC_NOFILE, call(ALICE_IN_SESSION, KcmFrames.op(KcmOpcode.GET_PRINCIPAL).name(def))
                .status());
        ok(ALICE_IN_SESSION, KcmFrames.op(KcmOpcode.INITIALIZE).name(def).principal(ALICE));
        assertEquals(0, KcmFrames.credentialList(ok(ALICE_IN_SESSION, KcmFrames.op(KcmOpcode.GET_CRED_LIST)
                .name(def)).payload()).size());
        Credential again = KcmFrames.ticket(ALICE, HTTP, (byte) 5);
        ok(ALICE_IN_SESSION, KcmFrames.op(KcmOpcode.STORE).name(def).credential(again));

        // Logoff: the cache is gone, and the sweep destroys what the session's processes stored.
        s.open = false;
        assertEquals("1000", KcmFrames.name(ok(ALICE_IN_SESSION, KcmFrames.op(KcmOpcode.GET_DEFAULT_CACHE))
                .payload()));
        assertEquals(KcmStatus.CC_NOTFOUND, call(ALICE_IN_SESSION, KcmFrames.op(KcmOpcode.GET_CRED_LIST).name(def))
                .status());
        assertEquals(KcmStatus.FCC_NOFILE, call(ROOT, KcmFrames.op(KcmOpcode.GET_PRINCIPAL).name(def)).status());
        assertTrue(kcm.bytesHeldBy(1000) > 0);
        kcm.sweep();
        assertEquals(0, kcm.bytesHeldBy(1000));
    }

    @Test
    void kswitchInsideASessionSwitchesThatSessionOnly() throws Exception {
        sessions.add("00000000000a1b2c", 1000, ALICE, 5000);
        ok(ALICE_IN_SESSION, KcmFrames.op(KcmOpcode.INITIALIZE).name("1000:mine").principal(ALICE));
        ok(ALICE_IN_SESSION, KcmFrames.op(KcmOpcode.SET_DEFAULT_CACHE).name("1000:mine"));
        assertEquals("1000:mine", KcmFrames.name(ok(ALICE_IN_SESSION, KcmFrames.op(KcmOpcode.GET_DEFAULT_CACHE))
                .payload()));
        assertEquals("1000", KcmFrames.name(ok(ALICE_SHELL, KcmFrames.op(KcmOpcode.GET_DEFAULT_CACHE)).payload()));
        ok(ALICE_IN_SESSION, KcmFrames.op(KcmOpcode.SET_DEFAULT_CACHE).name("1000:lsa-00000000000a1b2c"));
        assertEquals("1000:lsa-00000000000a1b2c", KcmFrames.name(ok(ALICE_IN_SESSION,
                KcmFrames.op(KcmOpcode.GET_DEFAULT_CACHE)).payload()));
    }

    @Test
    void closeDestroysEveryKeyHeld() {
        Credential c = KcmFrames.ticket(ALICE, TGT, (byte) 1);
        replace(ALICE_SHELL, "1000", ALICE, c);
        assertTrue(kcm.bytesHeldBy(1000) > 0);
        kcm.close();
        assertEquals(0, kcm.bytesHeldBy(1000));
        assertEquals(KcmStatus.FCC_NOFILE, call(ALICE_SHELL, KcmFrames.op(KcmOpcode.GET_PRINCIPAL).name("1000"))
                .status());
    }

    /** Sessions as the daemon would report them. */
    static final class FakeSessions implements LogonSessionCaches {
        final List<FakeSession> all = new ArrayList<>();

        FakeSession add(String id, long uid, Principal client, long pid) {
            FakeSession s = new FakeSession(id, uid, client, pid);
            all.add(s);
            return s;
        }

        @Override
        public Optional<LogonSessionCache> sessionOf(KcmPeer peer) {
            return all.stream().filter(s -> s.open && s.pid == peer.pid() && s.uid == peer.uid())
                    .map(s -> (LogonSessionCache) s).findFirst();
        }

        @Override
        public Optional<LogonSessionCache> session(String id) {
            return all.stream().filter(s -> s.open && s.id.equals(id)).map(s -> (LogonSessionCache) s).findFirst();
        }
    }

    static final class FakeSession implements LogonSessionCache {
        final String id;
        final long uid;
        final Principal client;
        final long pid;
        final List<Credential> tickets = new ArrayList<>();
        final List<Credential> handedOut = new ArrayList<>();
        final AtomicInteger tgsRequests = new AtomicInteger();
        volatile boolean open = true;

        FakeSession(String id, long uid, Principal client, long pid) {
            this.id = id;
            this.uid = uid;
            this.client = client;
            this.pid = pid;
        }

        @Override public String id() { return id; }
        @Override public long uid() { return uid; }
        @Override public boolean isOpen() { return open; }
        @Override public Optional<Principal> client() { return Optional.of(client); }

        @Override
        public List<Credential> credentials() throws KcmException {
            List<Credential> out = new ArrayList<>();
            for (Credential c : tickets) {
                Credential copy;
                try {
                    copy = org.openlsa.krb5.files.CcacheMarshalling.decodeCredential(KcmFrames.encode(c));
                } catch (org.openlsa.krb5.files.Krb5FileFormatException e) {
                    throw new AssertionError(e);
                }
                handedOut.add(copy);
                out.add(copy);
            }
            return out;
        }

        @Override
        public Optional<Credential> serviceTicket(Principal server) {
            tgsRequests.incrementAndGet();
            Credential c = KcmFrames.ticket(client, server, (byte) 7);
            tickets.add(KcmFrames.ticket(client, server, (byte) 7));
            return Optional.of(c);
        }
    }
}
