package org.openlsa.ntlmssp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;

/**
 * Coverage-guided fuzzing of the NTLMSSP and SPNEGO decoders (Jazzer). A plain {@code mvn test} replays the seeds
 * under {@code src/test/resources/org/openlsa/ntlmssp/NtlmsspFuzzTestInputs/<method>/}; to fuzz one target:
 * {@code JAZZER_FUZZ=1 mvn -pl ntlmssp test -Dtest='NtlmsspFuzzTest#fuzzAuthenticate'}.
 *
 * <p>Properties: only {@code LsaException(INVALID_PARAMETER)} escapes a decoder; whatever decodes re-encodes to
 * bytes that decode to an equal value.
 */
class NtlmsspFuzzTest {

    @FunctionalInterface
    interface Decoder<T> {
        T decode(byte[] bytes) throws LsaException;
    }

    @FunctionalInterface
    interface Encoder<T> {
        byte[] encode(T value);
    }

    private static <T> void assertRoundTrip(byte[] data, Decoder<T> decoder, Encoder<T> encoder) {
        T value;
        try {
            value = decoder.decode(data);
        } catch (LsaException e) {
            assertEquals(NtStatus.INVALID_PARAMETER, e.status(), e::getMessage);
            assertEquals(NtStatus.SUCCESS, e.subStatus());
            return;
        }
        try {
            assertEquals(value, decoder.decode(encoder.encode(value)));
        } catch (LsaException e) {
            throw new AssertionError("re-encoded " + value + " does not decode: " + e.getMessage(), e);
        }
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzNegotiate(byte[] data) {
        assertRoundTrip(data, NtlmsspCodec::decodeNegotiate, NtlmsspCodec::encode);
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzChallenge(byte[] data) {
        assertRoundTrip(data, NtlmsspCodec::decodeChallenge, NtlmsspCodec::encode);
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzAuthenticate(byte[] data) {
        assertRoundTrip(data, NtlmsspCodec::decodeAuthenticate, NtlmsspCodec::encode);
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzTargetInfo(byte[] data) {
        assertRoundTrip(data, NtlmsspCodec::decodeTargetInfo, NtlmsspCodec::encode);
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzSpnego(byte[] data) {
        assertRoundTrip(data, SpnegoCodec::decode, SpnegoCodec::encode);
    }
}
