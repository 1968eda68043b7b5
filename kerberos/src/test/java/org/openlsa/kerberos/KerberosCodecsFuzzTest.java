package org.openlsa.kerberos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.msv1_0.Msv1_0InteractiveLogon;

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
        Msv1_0InteractiveLogon logon;
        try {
            logon = KerbInteractiveLogonCodec.decode(data);
        } catch (LsaException e) {
            assertDocumented(e, true);
            return;
        }
        try (logon; Msv1_0InteractiveLogon again = KerbInteractiveLogonCodec.decode(KerbInteractiveLogonCodec.encode(logon))) {
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
            }
            conf.defaultRealm();
            conf.realmOfHost("a.b.example");
            conf.kdcTimeout();
            conf.udpPreferenceLimit();
        } catch (IOException rejected) {
            // a malformed file is an IOException naming the line: the only documented failure
        }
    }
}
