package org.openlsa.kerberos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.core.TokenSource;
import org.openlsa.engine.LogonRequest;
import org.openlsa.engine.LogonResult;
import org.openlsa.engine.LsaConnection;
import org.openlsa.engine.spi.logon.InteractiveLogon;

/**
 * Coverage-guided fuzzing of the Kerberos package's decoders (Jazzer). A plain {@code mvn test} replays the seeds
 * under {@code src/test/resources/org/openlsa/kerberos/KerberosCodecsFuzzTestInputs/<method>/}; to fuzz one target:
 * {@code JAZZER_FUZZ=1 mvn -pl kerberos test -Dtest='KerberosCodecsFuzzTest#fuzzCallRequest'}.
 *
 * <p>Properties: only {@link LsaException} with a documented status (INVALID_PARAMETER; BAD_VALIDATION_CLASS for a
 * logon or profile of another kind) escapes; whatever decodes re-encodes to something that decodes equal.
 */
class KerberosCodecsFuzzTest {

    private static void assertDocumented(LsaException e, boolean badClassAllowed) {
        NtStatus s = e.status();
        assertTrue(s.equals(NtStatus.INVALID_PARAMETER) || badClassAllowed && s.equals(NtStatus.BAD_VALIDATION_CLASS),
                "undocumented status " + s + ": " + e.getMessage());
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzInteractiveLogon(byte[] data) {
        InteractiveLogon logon;
        try {
            logon = KerbInteractiveLogonCodec.decode(data);
        } catch (LsaException e) {
            assertDocumented(e, true);
            return;
        }
        try (logon; org.openlsa.crypto.SecretBytes wire = KerbInteractiveLogonCodec.encode(logon);
             InteractiveLogon again = KerbInteractiveLogonCodec.decode(wire)) {
            assertEquals(logon.userName(), again.userName());
            assertEquals(logon.logonDomainName(), again.logonDomainName());
            assertEquals(logon.unlockLogonId(), again.unlockLogonId());
            assertTrue(logon.password().equalsConstantTime(again.password()));
        } catch (LsaException e) {
            throw new AssertionError("re-encoded logon does not decode: " + e.getMessage(), e);
        }
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzProfile(byte[] data) {
        KerbProfile p;
        try {
            p = KerbProfileCodec.decode(data);
        } catch (LsaException e) {
            assertDocumented(e, true);
            return;
        }
        try {
            KerbProfile again = KerbProfileCodec.decode(KerbProfileCodec.encode(p));
            assertEquals(p.profile(), again.profile());
            assertEquals(p.sessionKey().isPresent(), again.sessionKey().isPresent());
        } catch (LsaException e) {
            throw new AssertionError("re-encoded profile does not decode: " + e.getMessage(), e);
        }
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzCallRequest(byte[] data) {
        KerbCallRequest r;
        try {
            r = KerbCallCodec.decode(data);
        } catch (LsaException e) {
            assertDocumented(e, false);
            return;
        }
        try {
            assertEquals(r, KerbCallCodec.decode(KerbCallCodec.encode(r)));
        } catch (LsaException e) {
            throw new AssertionError("re-encoded request does not decode: " + e.getMessage(), e);
        }
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzQueryResponse(byte[] data) {
        List<KerbTicketCacheInfo> tickets;
        try {
            tickets = KerbCallCodec.decodeQueryResponse(data);
        } catch (LsaException e) {
            assertDocumented(e, false);
            return;
        }
        boolean ex = data[0] == KerbProtocolMessageType.QUERY_TICKET_CACHE_EX.value();
        try {
            assertEquals(tickets, KerbCallCodec.decodeQueryResponse(KerbCallCodec.encodeQueryResponse(tickets, ex)));
        } catch (LsaException e) {
            throw new AssertionError("re-encoded response does not decode: " + e.getMessage(), e);
        }
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzRetrieveResponse(byte[] data) {
        KerbExternalTicket t;
        try {
            t = KerbCallCodec.decodeRetrieveResponse(data);
        } catch (LsaException e) {
            assertDocumented(e, false);
            return;
        }
        try {
            KerbExternalTicket again = KerbCallCodec.decodeRetrieveResponse(KerbCallCodec.encodeRetrieveResponse(t));
            assertEquals(t.serviceName(), again.serviceName());
            assertEquals(t.clientName(), again.clientName());
            assertEquals(t.endTime(), again.endTime());
            assertEquals(List.of(t.encodedTicket().length), List.of(again.encodedTicket().length));
        } catch (LsaException e) {
            throw new AssertionError("re-encoded ticket does not decode: " + e.getMessage(), e);
        }
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzKrb5Conf(byte[] data) {
        try {
            Krb5Conf conf = Krb5Conf.parse(new String(data, StandardCharsets.UTF_8), "fuzz");
            for (String realm : conf.realms()) {
                conf.kdcs(realm);
                conf.kpasswdServers(realm);
            }
            conf.defaultRealm();
            conf.realmOfHost("a.b.example");
            conf.kdcTimeout();
            conf.udpPreferenceLimit();
        } catch (IOException rejected) {
            // a malformed file is an IOException naming the line: the only documented failure
        }
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzTicketLogon(byte[] data) {
        KerbTicketLogon logon;
        try {
            logon = KerbLogonCodecs.decodeTicketLogon(data);
        } catch (LsaException e) {
            assertDocumented(e, true);
            return;
        }
        try {
            assertEquals(logon, KerbLogonCodecs.decodeTicketLogon(KerbLogonCodecs.encode(logon)));
        } catch (LsaException e) {
            throw new AssertionError("re-encoded ticket logon does not decode: " + e.getMessage(), e);
        }
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzS4uLogon(byte[] data) {
        KerbS4uLogon logon;
        try {
            logon = KerbLogonCodecs.decodeS4uLogon(data);
        } catch (LsaException e) {
            assertDocumented(e, true);
            return;
        }
        try {
            assertEquals(logon, KerbLogonCodecs.decodeS4uLogon(KerbLogonCodecs.encode(logon)));
        } catch (LsaException e) {
            throw new AssertionError("re-encoded S4U logon does not decode: " + e.getMessage(), e);
        }
    }

    /**
     * Whole ticket logons through the package: the fuzzer's bytes are the ServiceTicket and the KRB-CRED of a
     * KERB_TICKET_LOGON (split at the first byte's value), decoded, opened and checked by the package. Only
     * INVALID_PARAMETER (not a Ticket, not a KRB-CRED) and LOGON_FAILURE (not a ticket for this host) may come out.
     */
    @FuzzTest(maxDuration = "30s")
    void fuzzTicketLogonThroughThePackage(byte[] data) throws Exception {
        if (data.length == 0) {
            return;
        }
        int split = Math.min(data.length - 1, data[0] & 0xFF) + 1;
        byte[] ticket = java.util.Arrays.copyOfRange(data, 1, split);
        byte[] cred = java.util.Arrays.copyOfRange(data, split, data.length);
        if (ticket.length == 0) {
            return;
        }
        LsaConnection c = FuzzRealm.INSTANCE.realm.trusted;
        try {
            LogonResult r = c.logonUser(new LogonRequest("fuzz", SecurityLogonType.NETWORK,
                    c.lookupAuthenticationPackage(KerberosPackage.NAME),
                    KerbLogonCodecs.encode(new KerbTicketLogon(0, ticket, cred, java.util.Optional.empty())),
                    java.util.Optional.empty(), new TokenSource("Fuzz", Luid.ZERO)));
            throw new AssertionError("a fuzzed ticket logged on: " + r.logonId());
        } catch (LsaException e) {
            NtStatus s = e.status();
            assertTrue(s.equals(NtStatus.INVALID_PARAMETER) || s.equals(NtStatus.LOGON_FAILURE),
                    "undocumented status " + s + ": " + e.getMessage());
        }
    }

    /** One realm for every run of the package target: building one per input would be all the fuzzer did. */
    private enum FuzzRealm {
        INSTANCE;

        final KerberosRealm realm;

        FuzzRealm() {
            try {
                Path dir = Files.createTempDirectory("openlsa-krb-fuzz");
                realm = new KerberosRealm(dir);
                org.openlsa.kerberos.internal.HostAccount.ensure(realm.store, realm.store.domain(),
                        new java.security.SecureRandom(), java.time.Instant.now());
                Runtime.getRuntime().addShutdownHook(new Thread(realm::close));
            } catch (IOException | LsaException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
