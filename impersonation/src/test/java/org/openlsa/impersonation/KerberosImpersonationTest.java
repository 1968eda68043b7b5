package org.openlsa.impersonation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.StructuredTaskScope;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KerberosTicket;
import org.junit.jupiter.api.Test;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.core.NtTime;
import org.openlsa.kerberos.KerbCallCodec;
import org.openlsa.kerberos.KerbCallRequest;
import org.openlsa.kerberos.KerbCryptoKey;
import org.openlsa.kerberos.KerbExternalTicket;
import org.openlsa.kerberos.KerbTicketCacheInfo;

/**
 * The Subject bridge against a stand-in for the Kerberos package, which answers as the real one encodes (the
 * interop test, ImpersonationInteropTest, runs it against the real package, MIT's KDC and an MIT-gssapi server).
 */
class KerberosImpersonationTest {
    private static final byte[] KEY = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    private static final byte[] TICKET = {0x61, 0x03, 0x02, 0x01, 0x05}; // opaque to the bridge
    private static final Instant START = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    /** FORWARDABLE (1), RENEWABLE (8), INITIAL (9), PRE-AUTHENT (10): flag n is bit 31 - n. */
    private static final int FLAGS = 1 << 30 | 1 << 23 | 1 << 22 | 1 << 21;

    private final FakeLsa lsa = new FakeLsa();

    private static KerbTicketCacheInfo info(String server) {
        return new KerbTicketCacheInfo("alice", "TEST.REALM", server, "TEST.REALM", NtTime.fromInstant(START),
                NtTime.fromInstant(START.plusSeconds(3600)), NtTime.fromInstant(START.plusSeconds(86400)), 18, FLAGS);
    }

    /** The package's answers for a session with a TGT and a service ticket; the TGT's key only if {@code withKey}. */
    private void sessionWithTgt(boolean withKey) {
        lsa.answerKerberos(r -> switch (r) {
            case KerbCallRequest.QueryTicketCache q -> KerbCallCodec.encodeQueryResponse(
                    List.of(info("HTTP/web.test"), info("krbtgt/TEST.REALM")), q.ex());
            case KerbCallRequest.RetrieveTicket t when !t.encoded() -> {
                KerbExternalTicket.Name krbtgt = new KerbExternalTicket.Name(2, List.of("krbtgt", "TEST.REALM"));
                yield KerbCallCodec.encodeRetrieveResponse(new KerbExternalTicket(krbtgt, krbtgt,
                        new KerbExternalTicket.Name(1, List.of("alice")), "TEST.REALM", "TEST.REALM", "TEST.REALM",
                        withKey ? Optional.of(new KerbCryptoKey(18, KEY)) : Optional.empty(), FLAGS, 0, 0,
                        NtTime.fromInstant(START), NtTime.fromInstant(START.plusSeconds(3600)),
                        NtTime.fromInstant(START.plusSeconds(86400)), 0, TICKET));
            }
            default -> throw new AssertionError("unexpected " + r);
        });
    }

    @Test
    void theScopesSubjectHoldsTheSessionsTgtWithItsKeyUntilTheScopeEnds() throws Exception {
        sessionWithTgt(true);
        ImpersonationContext alice = lsa.context(1001, 0x501, null);
        Subject subject = KerberosImpersonation.callAs(alice, () -> {
            assertSame(alice, Impersonation.current().orElseThrow());
            return Subject.current();
        });
        // Asked for the TGT of the token's own logon session, found through QueryTicketCacheEx.
        assertEquals(List.of(new KerbCallRequest.QueryTicketCache(new Luid(0x501), true),
                new KerbCallRequest.RetrieveTicket(new Luid(0x501), "", 0, 0, 0, false)), lsa.calls);
        assertEquals(0, lsa.outstandingBuffers, "every return buffer freed");
        assertEquals(Set.of(new KerberosPrincipal("alice@TEST.REALM")), subject.getPrincipals());
        assertTrue(subject.getPrivateCredentials().isEmpty(), "destroyed and removed when the scope ended");
    }

    @Test
    void theTicketIsWhatJgssNeeds() throws Exception {
        sessionWithTgt(true);
        KerberosTicket[] seen = new KerberosTicket[1];
        List<Object> inside = KerberosImpersonation.callAs(lsa.context(1001, 0x501, null), () -> {
            KerberosTicket t = Subject.current().getPrivateCredentials(KerberosTicket.class).iterator().next();
            seen[0] = t;
            return List.of(t.getClient().getName(), t.getServer().getName(), t.getSessionKeyType(),
                    t.getSessionKey().getEncoded(), t.getEncoded(), t.isForwardable(), t.isRenewable(),
                    t.isInitial(), t.getStartTime().toInstant(), t.getEndTime().toInstant(),
                    t.getRenewTill().toInstant(), t.isCurrent());
        });
        assertEquals("alice@TEST.REALM", inside.get(0));
        assertEquals("krbtgt/TEST.REALM@TEST.REALM", inside.get(1));
        assertEquals(18, inside.get(2));
        assertArrayEquals(KEY, (byte[]) inside.get(3));
        assertArrayEquals(TICKET, (byte[]) inside.get(4));
        assertEquals(List.of(true, true, true, START, START.plusSeconds(3600), START.plusSeconds(86400), true),
                inside.subList(5, 12));
        assertTrue(seen[0].isDestroyed(), "its key zeroed when the scope ended");
    }

    @Test
    void forksShareTheClientsCredentials() throws Exception {
        sessionWithTgt(true);
        List<String> clients = KerberosImpersonation.callAs(lsa.context(1001, 0x501, null), () -> {
            try (var scope = StructuredTaskScope.open()) {
                var fork = scope.fork(() -> Subject.current().getPrivateCredentials(KerberosTicket.class).iterator()
                        .next().getClient().getName());
                var self = scope.fork(() -> Impersonation.asSelf(() -> Subject.current() == null
                        ? "nobody" : "someone"));
                scope.join();
                return List.of(fork.get(), self.get());
            }
        });
        assertEquals(List.of("alice@TEST.REALM", "nobody"), clients, "forks act as alice; RevertToSelf in one as the"
                + " server, which here has no Subject");
    }

    @Test
    void aTgtWithoutItsKeyIsRefusedAsPrivilegeNotHeld() throws Exception {
        sessionWithTgt(false); // what the package answers an untrusted caller
        LsaException e = assertThrows(LsaException.class,
                () -> KerberosImpersonation.callAs(lsa.context(1001, 0x501, null), () -> "ran"));
        assertEquals(NtStatus.PRIVILEGE_NOT_HELD, e.status());
        assertEquals(0, lsa.outstandingBuffers);
    }

    @Test
    void aSessionWithoutATgtCannotReachTheNetwork() throws Exception {
        lsa.answerKerberos(r -> KerbCallCodec.encodeQueryResponse(List.of(info("host/lsahost.test")), true));
        LsaException e = assertThrows(LsaException.class,
                () -> KerberosImpersonation.callAs(lsa.context(1001, 0x501, null), () -> "ran"));
        assertEquals(NtStatus.OBJECT_NAME_NOT_FOUND, e.status());
        assertEquals(0, lsa.outstandingBuffers);
    }

    @Test
    void thePackagesRefusalIsMappedUnchanged() throws Exception {
        // A refusal reaches the caller as the LsaException callAuthenticationPackage throws.
        lsa.answerKerberos(r -> sneak(new LsaException(NtStatus.ACCESS_DENIED,
                "an untrusted caller may name only its own logon session")));
        LsaException e = assertThrows(LsaException.class,
                () -> KerberosImpersonation.callAs(lsa.context(1001, 0x501, null), () -> "ran"));
        assertEquals(NtStatus.ACCESS_DENIED, e.status());
        assertFalse(Impersonation.current().isPresent());
    }

    @SuppressWarnings("unchecked")
    private static <X extends Throwable> byte[] sneak(Throwable t) throws X {
        throw (X) t;
    }
}
