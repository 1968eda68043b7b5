package org.openlsa.msv1_0;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openlsa.msv1_0.CodecAssertions.assertSameLogon;
import static org.openlsa.msv1_0.CodecAssertions.assertSameRequest;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.openlsa.engine.spi.logon.ChangePasswordRequest;
import org.openlsa.engine.spi.logon.InteractiveLogon;
import org.openlsa.engine.spi.logon.InteractiveProfile;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;

/**
 * Coverage-guided fuzzing of the MSV1_0 decoders (Jazzer). A plain {@code mvn test} replays the seeds under
 * {@code src/test/resources/org/openlsa/msv1_0/Msv1_0CodecsFuzzTestInputs/<method>/} (regression mode); to fuzz one
 * target: {@code JAZZER_FUZZ=1 mvn -pl msv1_0 test -Dtest='Msv1_0CodecsFuzzTest#fuzzInteractiveLogon'}.
 *
 * <p>Properties: only {@link LsaException} with a documented status escapes a decoder; whatever decodes re-encodes
 * to a buffer that decodes to an equal value.
 */
class Msv1_0CodecsFuzzTest {

    private static void assertDocumented(LsaException e, boolean badClassAllowed) {
        NtStatus s = e.status();
        assertTrue(s.equals(NtStatus.INVALID_PARAMETER) || (badClassAllowed && s.equals(NtStatus.BAD_VALIDATION_CLASS)),
                "undocumented status " + s + ": " + e.getMessage());
        assertEquals(NtStatus.SUCCESS, e.subStatus());
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzInteractiveLogon(byte[] data) {
        InteractiveLogon logon;
        try {
            logon = Msv1_0InteractiveLogonCodec.decode(data);
        } catch (LsaException e) {
            assertDocumented(e, true);
            return;
        }
        try (logon) {
            InteractiveLogon again = Msv1_0InteractiveLogonCodec.decode(CodecAssertions.encode(logon));
            assertSameLogon(logon, again);
            again.close();
        } catch (LsaException e) {
            throw new AssertionError("re-encoded logon does not decode: " + e.getMessage(), e);
        }
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzInteractiveProfile(byte[] data) {
        InteractiveProfile profile;
        try {
            profile = Msv1_0InteractiveProfileCodec.decode(data);
        } catch (LsaException e) {
            assertDocumented(e, true);
            return;
        }
        try {
            assertEquals(profile, Msv1_0InteractiveProfileCodec.decode(Msv1_0InteractiveProfileCodec.encode(profile)));
        } catch (LsaException e) {
            throw new AssertionError("re-encoded profile does not decode: " + e.getMessage(), e);
        }
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzChangePasswordRequest(byte[] data) {
        ChangePasswordRequest request;
        try {
            request = ChangePasswordRequest.decode(data);
        } catch (LsaException e) {
            assertDocumented(e, false);
            return;
        }
        try (request) {
            ChangePasswordRequest again = ChangePasswordRequest.decode(CodecAssertions.encode(request));
            assertSameRequest(request, again);
            again.close();
        } catch (LsaException e) {
            throw new AssertionError("re-encoded request does not decode: " + e.getMessage(), e);
        }
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzLm20Logon(byte[] data) {
        Msv1_0Lm20Logon logon;
        try {
            logon = Msv1_0Lm20LogonCodec.decode(data);
        } catch (LsaException e) {
            assertDocumented(e, true);
            return;
        }
        try {
            assertEquals(logon, Msv1_0Lm20LogonCodec.decode(Msv1_0Lm20LogonCodec.encode(logon)));
        } catch (LsaException e) {
            throw new AssertionError("re-encoded LM20 logon does not decode: " + e.getMessage(), e);
        }
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzLm20LogonProfile(byte[] data) {
        Msv1_0Lm20LogonProfile profile;
        try {
            profile = Msv1_0Lm20LogonProfileCodec.decode(data);
        } catch (LsaException e) {
            assertDocumented(e, true);
            return;
        }
        try {
            assertEquals(profile, Msv1_0Lm20LogonProfileCodec.decode(Msv1_0Lm20LogonProfileCodec.encode(profile)));
        } catch (LsaException e) {
            throw new AssertionError("re-encoded LM20 profile does not decode: " + e.getMessage(), e);
        }
    }
}
