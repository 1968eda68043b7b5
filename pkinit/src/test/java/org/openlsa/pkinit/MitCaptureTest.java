package org.openlsa.pkinit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.math.BigInteger;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openlsa.pkinit.internal.PkinitDer;

/**
 * Captured real messages: the PA-PK-AS-REQ MIT kinit 1.20.1 sent to {@link PkinitMitClientTest}'s KDC (BER with
 * indefinite lengths at the outer level) and the AuthPack inside it (extracted with {@code openssl cms -verify
 * -noverify}): MIT's field layout, its Int32 nonce, and its supportedCMSTypes and supportedKDFs, which this KDC skips.
 */
class MitCaptureTest {
    private static byte[] resource(String name) throws Exception {
        try (InputStream in = MitCaptureTest.class.getResourceAsStream("PkinitFuzzTestInputs/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void mitsAuthPackDecodes() throws Exception {
        PkinitDer.AuthPack pack = PkinitDer.decodeAuthPack(resource("fuzzAuthPack/mit-kinit-1.20-authpack"));
        assertEquals(7, pack.pkAuthenticator().cusec());
        assertEquals(Instant.parse("2026-12-08T00:39:19Z"), pack.pkAuthenticator().ctime());
        assertEquals(BigInteger.valueOf(0x01B494E2), pack.pkAuthenticator().nonce());
        assertEquals(20, pack.pkAuthenticator().paChecksum().orElseThrow().length);
        assertTrue(pack.clientPublicValue().isPresent());
        assertEquals("1.2.840.10046.2.1", pack.clientPublicValue().get().getAlgorithm().getAlgorithm().getId());
        assertTrue(pack.clientDhNonce().isEmpty());
    }

    @Test
    void mitsPaPkAsReqYieldsItsSignedAuthPack() throws Exception {
        byte[] contentInfo = PkinitDer.signedAuthPack(resource("fuzzPaPkAsReq/mit-kinit-1.20-request"));
        assertEquals(2194, contentInfo.length);
    }
}
