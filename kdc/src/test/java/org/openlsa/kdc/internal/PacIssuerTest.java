package org.openlsa.kdc.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openlsa.crypto.kerberos.EncryptionType;
import org.openlsa.crypto.kerberos.KerberosCrypto;
import org.openlsa.crypto.kerberos.KerberosKey;
import org.openlsa.kdc.TestRealm;
import org.openlsa.krb5.AuthorizationData;
import org.openlsa.krb5.ErrorCode;
import org.openlsa.pac.Pac;
import org.openlsa.pac.PacSignatureKind;
import org.openlsa.pac.SignablePac;
import org.openlsa.sam.UserAccount;

/** Carrying a verified PAC into a new ticket: re-signed in place when the slots fit, rebuilt when they do not. */
class PacIssuerTest {
    private final SecureRandom random = new SecureRandom();

    private static byte[] pacOf(AuthorizationData ad) throws KdcError {
        return PacIssuer.find(ad).orElseThrow();
    }

    @Test
    void reSigningInPlaceGivesTheBytesARebuildGives() throws Exception {
        try (TestRealm realm = TestRealm.start();
             KerberosKey krbtgt = KerberosCrypto.randomKey(EncryptionType.AES256_CTS_HMAC_SHA1_96, random);
             KerberosKey service = KerberosCrypto.randomKey(EncryptionType.AES256_CTS_HMAC_SHA1_96, random)) {
            UserAccount alice = realm.addUser("alice", "Passw0rd-1");
            Pac fresh = PacIssuer.build(realm.store, realm.store.domain(), alice, Instant.now(), "alice");
            byte[] tgtPac = pacOf(new PacIssuer.Fresh(fresh).sign(krbtgt, krbtgt));
            PacIssuer.Verified verified = PacIssuer.verify(tgtPac, krbtgt, krbtgt);

            byte[] inPlace = pacOf(verified.sign(service, krbtgt));
            byte[] rebuilt = pacOf(PacIssuer.sign(verified.pac().pac(), service, krbtgt));
            assertArrayEquals(rebuilt, inPlace);
            assertEquals(verified.pac().pac().buffers().size(),
                    PacIssuer.verify(inPlace, service, krbtgt).pac().pac().buffers().size());
            // Signed for the service: the krbtgt key no longer makes the server signature verify.
            KdcError e = assertThrows(KdcError.class, () -> PacIssuer.verify(inPlace, krbtgt, krbtgt));
            assertEquals(ErrorCode.KRB_AP_ERR_MODIFIED, e.code());
        }
    }

    @Test
    void aServiceKeyOfAnotherTypeGetsSignaturesOfItsOwnType() throws Exception {
        try (TestRealm realm = TestRealm.start();
             KerberosKey krbtgt = KerberosCrypto.randomKey(EncryptionType.AES256_CTS_HMAC_SHA1_96, random);
             KerberosKey service = KerberosCrypto.randomKey(EncryptionType.AES256_CTS_HMAC_SHA384_192, random)) {
            UserAccount alice = realm.addUser("alice", "Passw0rd-1");
            Pac fresh = PacIssuer.build(realm.store, realm.store.domain(), alice, Instant.now(), "alice");
            PacIssuer.Verified verified = PacIssuer.verify(pacOf(new PacIssuer.Fresh(fresh).sign(krbtgt, krbtgt)),
                    krbtgt, krbtgt);
            byte[] forService = pacOf(verified.sign(service, krbtgt));
            SignablePac s = PacIssuer.verify(forService, service, krbtgt).pac();
            assertEquals(EncryptionType.AES256_CTS_HMAC_SHA384_192.checksumType().id(),
                    s.signature(PacSignatureKind.SERVER).orElseThrow().signatureType());
        }
    }
}
