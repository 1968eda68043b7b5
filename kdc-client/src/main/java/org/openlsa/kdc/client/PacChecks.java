package org.openlsa.kdc.client;

import java.util.Optional;
import org.openlsa.crypto.kerberos.ChecksumType;
import org.openlsa.crypto.kerberos.KerberosCrypto;
import org.openlsa.crypto.kerberos.KerberosKey;
import org.openlsa.krb5.AuthorizationData;
import org.openlsa.krb5.AuthorizationDataEntry;
import org.openlsa.krb5.der.KrbCodec;
import org.openlsa.krb5.der.KrbDecodeException;
import org.openlsa.pac.PacFormatException;
import org.openlsa.pac.PacSignatureData;
import org.openlsa.pac.PacSignatureKind;
import org.openlsa.pac.SignablePac;

/**
 * Finding and checking the PAC of a ticket (MS-PAC 2.8, 4.1.2): the KDC checks the PACs of the TGTs it is shown,
 * the Kerberos package the PAC of the tickets it logs users on with.
 */
public final class PacChecks {
    private PacChecks() {}

    /** Key usage of both PAC signatures (MS-PAC 2.8: KERB_NON_KERB_CKSUM_SALT). */
    public static final int USAGE_PAC_CHECKSUM = 17;

    /**
     * The encoded PAC inside a ticket's authorization data (AD-IF-RELEVANT holding AD-WIN2K-PAC), if there is one.
     *
     * @throws PacFormatException for AD-IF-RELEVANT that is not authorization data, or more than one PAC
     */
    public static Optional<byte[]> find(AuthorizationData data) throws PacFormatException {
        byte[] found = null;
        for (AuthorizationDataEntry e : data.entries()) {
            if (e.adType() != AuthorizationDataEntry.AD_IF_RELEVANT) {
                continue;
            }
            AuthorizationData inner;
            try {
                inner = KrbCodec.decodeAuthorizationData(e.adData().toByteArray());
            } catch (KrbDecodeException ex) {
                throw new PacFormatException("malformed AD-IF-RELEVANT");
            }
            for (AuthorizationDataEntry i : inner.entries()) {
                if (i.adType() == AuthorizationDataEntry.AD_WIN2K_PAC) {
                    if (found != null) {
                        throw new PacFormatException("more than one PAC");
                    }
                    found = i.adData().toByteArray();
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * Parses a PAC and verifies its server signature with {@code serverKey} (the key the ticket was encrypted in)
     * and, when {@code kdcKey} is given, its KDC signature with it. A service holds only its own key and checks
     * the server signature alone: that the ticket decrypted under its key already proves the KDC issued it.
     *
     * @throws PacFormatException when the PAC is malformed, lacks a signature or a signature does not verify
     */
    public static SignablePac verify(byte[] encoded, KerberosKey serverKey, Optional<KerberosKey> kdcKey)
            throws PacFormatException {
        SignablePac s = SignablePac.parse(encoded);
        PacSignatureData server = s.signature(PacSignatureKind.SERVER)
                .orElseThrow(() -> new PacFormatException("PAC without server signature"));
        PacSignatureData kdc = s.signature(PacSignatureKind.KDC)
                .orElseThrow(() -> new PacFormatException("PAC without KDC signature"));
        if (!verifies(server, serverKey, s.checksumInput())
                || kdcKey.isPresent() && !verifies(kdc, kdcKey.get(), s.kdcChecksumInput())) {
            throw new PacFormatException("PAC signature does not verify");
        }
        return s;
    }

    private static boolean verifies(PacSignatureData sig, KerberosKey key, byte[] input) {
        Optional<ChecksumType> type = ChecksumType.of(sig.signatureType());
        // The checksum must be the key's own keyed checksum: accepting HMAC-MD5 over an AES key would let a weaker
        // algorithm stand in for the one the key was made for.
        return type.isPresent() && type.get() == key.type().checksumType()
                && KerberosCrypto.verifyChecksum(type.get(), key, USAGE_PAC_CHECKSUM, input, sig.signature());
    }
}
