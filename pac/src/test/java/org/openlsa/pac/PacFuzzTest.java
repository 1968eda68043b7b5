package org.openlsa.pac;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the PAC decoders (Jazzer). A plain {@code mvn test} replays the seeds under
 * {@code src/test/resources/org/openlsa/pac/PacFuzzTestInputs/<method>/}; to fuzz one target:
 * {@code JAZZER_FUZZ=1 mvn -pl pac test -Dtest='PacFuzzTest#fuzzPac'}.
 *
 * <p>Properties: only {@link PacFormatException} escapes a decoder; whatever decodes re-encodes to bytes that
 * decode to an equal value, and re-encoding that value gives the same bytes again.
 */
class PacFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void fuzzPac(byte[] data) throws Exception {
        Pac pac;
        try {
            pac = PacCodec.decode(data);
        } catch (PacFormatException e) {
            return;
        }
        byte[] encoded = PacCodec.encode(pac);
        assertEquals(pac, PacCodec.decode(encoded));
        assertArrayEquals(encoded, PacCodec.encode(PacCodec.decode(encoded)));
        SignablePac parsed = SignablePac.parse(data);
        assertEquals(data.length, parsed.checksumInput().length);
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzValidationInfo(byte[] data) throws Exception {
        KerbValidationInfo info;
        try {
            info = KerbValidationInfoCodec.decode(data);
        } catch (PacFormatException e) {
            return;
        }
        assertEquals(info, KerbValidationInfoCodec.decode(KerbValidationInfoCodec.encode(info)));
    }
}
