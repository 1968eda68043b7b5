package org.openlsa.kdc;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.openlsa.crypto.kerberos.ChecksumType;
import org.openlsa.crypto.kerberos.KerberosCrypto;
import org.openlsa.kdc.client.KdcClient;
import org.openlsa.krb5.ApOptions;
import org.openlsa.krb5.ApReq;
import org.openlsa.krb5.AuthorizationData;
import org.openlsa.krb5.Authenticator;
import org.openlsa.krb5.Bytes;
import org.openlsa.krb5.Checksum;
import org.openlsa.krb5.EncryptedData;
import org.openlsa.krb5.KdcReqBody;
import org.openlsa.krb5.KerberosTime;
import org.openlsa.krb5.PaData;
import org.openlsa.krb5.der.KrbCodec;

/** Hand-built TGS-REQs for the tests that need exact bytes (replays, a checksum over another body). */
final class TgsRequests {
    private TgsRequests() {}

    static byte[] tgsReq(KdcClient.Credential tgt, KdcReqBody body, SecureRandom random, Instant now) {
        return tgsReqWithBodyChecksumOf(tgt, body, body, random, now);
    }

    static byte[] tgsReqWithBodyChecksumOf(KdcClient.Credential tgt, KdcReqBody sent, KdcReqBody checksummed,
                                           SecureRandom random, Instant now) {
        ChecksumType ct = tgt.sessionKey().type().checksumType();
        Checksum cksum = new Checksum(ct.id(), Bytes.of(KerberosCrypto.checksum(ct, tgt.sessionKey(), 6,
                KrbCodec.encode(checksummed))));
        Authenticator auth = new Authenticator(tgt.crealm(), tgt.cname(), Optional.of(cksum),
                KerberosTime.microsecondsOf(now), KerberosTime.truncate(now), Optional.empty(), OptionalLong.empty(),
                new AuthorizationData(List.of()));
        byte[] cipher = KerberosCrypto.encrypt(tgt.sessionKey(), 7, KrbCodec.encode(auth), random);
        ApReq ap = new ApReq(ApOptions.of(), tgt.ticket(), EncryptedData.of(tgt.sessionKey().type().id(),
                Bytes.of(cipher)));
        return KrbCodec.encode(KrbCodec.tgsReq(List.of(new PaData(PaData.PA_TGS_REQ, Bytes.of(KrbCodec.encode(ap)))),
                sent));
    }

    /**
     * Another request carrying {@code tgsReq}'s AP-REQ (so its very authenticator) and body, with one more
     * PA-DATA after it: different bytes, the same authenticator, a body checksum that still verifies. A true replay.
     */
    static byte[] withExtraPadata(byte[] tgsReq) throws org.openlsa.krb5.der.KrbDecodeException {
        org.openlsa.krb5.KdcReq req = KrbCodec.decodeKdcReq(tgsReq);
        List<PaData> padata = new java.util.ArrayList<>(req.padata());
        padata.add(new PaData(PaData.PA_ENC_UNIX_TIME, Bytes.of(new byte[] {0x30, 0})));
        return KrbCodec.encode(KrbCodec.tgsReq(padata, req.reqBody()));
    }
}
