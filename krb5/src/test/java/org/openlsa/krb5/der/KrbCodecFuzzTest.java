package org.openlsa.krb5.der;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Coverage-guided fuzzing of every KrbCodec decoder (Jazzer). A plain {@code mvn test} replays the seeds under
 * {@code src/test/resources/org/openlsa/krb5/der/KrbCodecFuzzTestInputs/<method>/}: MIT captures (see mit/README.md)
 * and, for the encrypted parts no capture shows in plaintext, KrbCodec encodings of sample values. To fuzz one
 * target: {@code JAZZER_FUZZ=1 mvn -pl krb5 test -Dtest='KrbCodecFuzzTest#fuzzAsReq'}.
 *
 * <p>Properties: only {@link KrbDecodeException} escapes a decoder; whatever decodes re-encodes to octets that decode
 * to an equal value, and re-encoding that value gives the same octets again.
 */
class KrbCodecFuzzTest {

    @FunctionalInterface
    interface Decoder<T> {
        T decode(byte[] der) throws KrbDecodeException;
    }

    @FunctionalInterface
    interface Encoder<T> {
        byte[] encode(T value);
    }

    private static <T> void assertRoundTrip(byte[] data, Decoder<T> decoder, Encoder<T> encoder) {
        T value;
        try {
            value = decoder.decode(data);
        } catch (KrbDecodeException e) {
            return; // the one permitted failure
        }
        byte[] encoded = encoder.encode(value);
        try {
            T again = decoder.decode(encoded);
            assertEquals(value, again);
            assertArrayEquals(encoded, encoder.encode(again));
        } catch (KrbDecodeException e) {
            throw new AssertionError("re-encoded " + value + " does not decode: " + e.getMessage(), e);
        }
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzAsReq(byte[] data) {
        assertRoundTrip(data, KrbCodec::decodeAsReq, KrbCodec::encode);
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzTgsReq(byte[] data) {
        assertRoundTrip(data, KrbCodec::decodeTgsReq, KrbCodec::encode);
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzKdcReqBody(byte[] data) {
        assertRoundTrip(data, KrbCodec::decodeKdcReqBody, KrbCodec::encode);
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzKdcRep(byte[] data) {
        assertRoundTrip(data, KrbCodec::decodeKdcRep, KrbCodec::encode);
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzEncKdcRepPart(byte[] data) {
        // Re-encode under the application tag it arrived with (25 or 26; the decoder accepts nothing else).
        assertRoundTrip(data, KrbCodec::decodeEncKdcRepPart, p -> KrbCodec.encode(p, KrbCodec.applicationTag(data)));
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzTicket(byte[] data) {
        assertRoundTrip(data, KrbCodec::decodeTicket, KrbCodec::encode);
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzEncTicketPart(byte[] data) {
        assertRoundTrip(data, KrbCodec::decodeEncTicketPart, KrbCodec::encode);
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzApReq(byte[] data) {
        assertRoundTrip(data, KrbCodec::decodeApReq, KrbCodec::encode);
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzAuthenticator(byte[] data) {
        assertRoundTrip(data, KrbCodec::decodeAuthenticator, KrbCodec::encode);
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzApRep(byte[] data) {
        assertRoundTrip(data, KrbCodec::decodeApRep, KrbCodec::encode);
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzEncApRepPart(byte[] data) {
        assertRoundTrip(data, KrbCodec::decodeEncApRepPart, KrbCodec::encode);
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzKrbError(byte[] data) {
        assertRoundTrip(data, KrbCodec::decodeKrbError, KrbCodec::encode);
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzKrbCred(byte[] data) {
        assertRoundTrip(data, KrbCodec::decodeKrbCred, KrbCodec::encode);
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzEncKrbCredPart(byte[] data) {
        assertRoundTrip(data, KrbCodec::decodeEncKrbCredPart, KrbCodec::encode);
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzKrbPriv(byte[] data) {
        assertRoundTrip(data, KrbCodec::decodeKrbPriv, KrbCodec::encode);
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzEncKrbPrivPart(byte[] data) {
        assertRoundTrip(data, KrbCodec::decodeEncKrbPrivPart, KrbCodec::encode);
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzChangePasswdData(byte[] data) {
        assertRoundTrip(data, KrbCodec::decodeChangePasswdData, KrbCodec::encode);
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzEncryptedData(byte[] data) {
        assertRoundTrip(data, KrbCodec::decodeEncryptedData, KrbCodec::encode);
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzPaEncTsEnc(byte[] data) {
        assertRoundTrip(data, KrbCodec::decodePaEncTsEnc, KrbCodec::encode);
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzEtypeInfo2(byte[] data) {
        assertRoundTrip(data, KrbCodec::decodeEtypeInfo2, KrbCodec::encodeEtypeInfo2);
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzPaForUser(byte[] data) {
        assertRoundTrip(data, KrbCodec::decodePaForUser, KrbCodec::encode);
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzPaS4uX509User(byte[] data) {
        assertRoundTrip(data, KrbCodec::decodePaS4uX509User, KrbCodec::encode);
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzPaPacRequest(byte[] data) {
        assertRoundTrip(data, KrbCodec::decodePaPacRequest, KrbCodec::encode);
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzPaPacOptions(byte[] data) {
        assertRoundTrip(data, KrbCodec::decodePaPacOptions, KrbCodec::encode);
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzAuthorizationData(byte[] data) {
        assertRoundTrip(data, KrbCodec::decodeAuthorizationData, KrbCodec::encode);
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzMethodData(byte[] data) {
        assertRoundTrip(data, KrbCodec::decodeMethodData, KrbCodec::encodeMethodData);
    }

    /** Every fuzz target has seeds, and every seed is a valid input (so replaying them exercises the encoders too). */
    @Test
    void everySeedDecodes() throws IOException, URISyntaxException, ReflectiveOperationException {
        Path inputs = Path.of(KrbCodecFuzzTest.class.getResource("KrbCodecFuzzTestInputs").toURI());
        for (Method m : KrbCodecFuzzTest.class.getDeclaredMethods()) {
            if (!m.isAnnotationPresent(FuzzTest.class)) {
                continue;
            }
            List<Path> seeds;
            try (Stream<Path> files = Files.list(inputs.resolve(m.getName()))) {
                seeds = files.toList();
            }
            assertFalse(seeds.isEmpty(), m.getName());
            Method decoder = decoderFor(m.getName());
            for (Path seed : seeds) {
                assertTrue(decodes(decoder, Files.readAllBytes(seed)), seed.toString());
            }
        }
    }

    private static Method decoderFor(String fuzzMethod) throws NoSuchMethodException {
        String name = "decode" + fuzzMethod.substring("fuzz".length());
        return KrbCodec.class.getMethod(name, byte[].class);
    }

    private static boolean decodes(Method decoder, byte[] seed) throws IllegalAccessException {
        try {
            decoder.invoke(null, (Object) seed);
            return true;
        } catch (java.lang.reflect.InvocationTargetException e) {
            return false;
        }
    }
}
