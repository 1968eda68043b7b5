package org.openlsa.krb5.der;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Differential fuzzing of the DER fast path against Bouncy Castle's stream parser: for any input that passes the
 * nesting guard (as everything {@code Der.decode} parses does), the fast path either declines or builds an equal
 * object that re-encodes to the input. Seeds: {@code DerParserFuzzTestInputs/fuzzDerParser/} (real messages).
 */
class DerParserFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void fuzzDerParser(byte[] data) {
        try {
            NestingGuard.check(data, Der.MAX_DEPTH, "fuzz");
        } catch (KrbDecodeException e) {
            return; // Der.decode never hands such input to either parser
        }
        DerParserTest.assertAgreesWithBouncyCastle(data);
    }
}
