package org.openlsa.krb5.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the keytab and ccache decoders (Jazzer). A plain {@code mvn test} replays the seeds
 * under {@code src/test/resources/org/openlsa/krb5/files/Krb5FilesFuzzTestInputs/<method>/} (MIT-written files);
 * to fuzz: {@code JAZZER_FUZZ=1 mvn -pl krb5-files test -Dtest='Krb5FilesFuzzTest#fuzzKeytab'}.
 *
 * <p>Properties: only {@link Krb5FileFormatException} escapes a decoder; whatever decodes re-encodes to bytes that
 * decode and re-encode to the same bytes (the values hold secrets, so bytes are what is compared).
 */
class Krb5FilesFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void fuzzKeytab(byte[] data) throws Exception {
        Keytab kt;
        try {
            kt = Keytab.decode(data);
        } catch (Krb5FileFormatException e) {
            return;
        }
        byte[] encoded = kt.encode();
        assertArrayEquals(encoded, Keytab.decode(encoded).encode());
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzCcache(byte[] data) throws Exception {
        CredentialCache cc;
        try {
            cc = CredentialCache.decode(data);
        } catch (Krb5FileFormatException e) {
            return;
        }
        byte[] encoded = cc.encode();
        assertArrayEquals(encoded, CredentialCache.decode(encoded).encode());
    }
}
