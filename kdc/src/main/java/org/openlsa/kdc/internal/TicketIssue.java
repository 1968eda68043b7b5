package org.openlsa.kdc.internal;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.OptionalInt;
import org.openlsa.crypto.kerberos.EncryptionType;
import org.openlsa.crypto.kerberos.KerberosCrypto;
import org.openlsa.crypto.kerberos.KerberosKey;
import org.openlsa.krb5.Bytes;
import org.openlsa.krb5.EncKdcRepPart;
import org.openlsa.krb5.EncTicketPart;
import org.openlsa.krb5.EncryptedData;
import org.openlsa.krb5.EncryptionKey;
import org.openlsa.krb5.ErrorCode;
import org.openlsa.krb5.Ticket;
import org.openlsa.krb5.der.KrbCodec;
import org.openlsa.krb5.der.KrbDecodeException;

/** Encrypting and decrypting tickets and reply parts (RFC 4120 key usages 2, 3, 8, 9). */
public final class TicketIssue {
    public static final int USAGE_PA_ENC_TIMESTAMP = 1;
    public static final int USAGE_TICKET = 2;
    public static final int USAGE_AS_REP = 3;
    public static final int USAGE_TGS_REQ_AUTH_CKSUM = 6;
    public static final int USAGE_TGS_REQ_AUTH = 7;
    public static final int USAGE_TGS_REP_SESSION_KEY = 8;
    public static final int USAGE_TGS_REP_SUBKEY = 9;
    public static final int USAGE_AP_REQ_AUTH = 11;
    /** MS-SFU 2.2.1: PA-FOR-USER's checksum, and MIT's KRB5_KEYUSAGE_APP_DATA_CKSUM. */
    public static final int USAGE_PA_FOR_USER = 17;
    /** MS-SFU 2.2.2 / MIT: PA-S4U-X509-USER request and reply checksums. */
    public static final int USAGE_PA_S4U_X509_USER_REQUEST = 26;
    public static final int USAGE_PA_S4U_X509_USER_REPLY = 27;

    private TicketIssue() {}

    /** A fresh session key of {@code enctype}. */
    public static KerberosKey sessionKey(int enctype, SecureRandom random) {
        return KerberosCrypto.randomKey(EncryptionType.of(enctype).orElseThrow(), random);
    }

    public static EncryptionKey wire(KerberosKey key) {
        byte[] bytes = key.copyBytes();
        try {
            return new EncryptionKey(key.type().id(), Bytes.of(bytes));
        } finally {
            java.util.Arrays.fill(bytes, (byte) 0);
        }
    }

    /** The wire key as a crypto key, or ETYPE_NOSUPP for an enctype this KDC does not implement. */
    public static KerberosKey key(EncryptionKey wire) throws KdcError {
        EncryptionType type = EncryptionType.of(wire.keytype()).orElseThrow(() -> new KdcError(
                ErrorCode.KDC_ERR_ETYPE_NOSUPP, "unsupported key type " + wire.keytype()));
        byte[] bytes = wire.keyvalue().toByteArray();
        if (bytes.length != type.keyLength()) {
            java.util.Arrays.fill(bytes, (byte) 0);
            throw new KdcError(ErrorCode.KRB_AP_ERR_BAD_INTEGRITY, "key of the wrong length");
        }
        return KerberosKey.adopt(type, bytes);
    }

    public static Ticket seal(String realm, org.openlsa.krb5.PrincipalName sname, EncTicketPart part,
                              KerberosKey serviceKey, int kvno, SecureRandom random) {
        byte[] plain = KrbCodec.encode(part);
        byte[] cipher = KerberosCrypto.encrypt(serviceKey, USAGE_TICKET, plain, random);
        java.util.Arrays.fill(plain, (byte) 0);
        return new Ticket(realm, sname, EncryptedData.of(serviceKey.type().id(), kvno, Bytes.of(cipher)));
    }

    /** Decrypts a ticket with the service's key of the ticket's enctype; BAD_INTEGRITY when it does not open. */
    public static EncTicketPart open(Ticket ticket, KdcPrincipal service) throws KdcError {
        EncryptedData enc = ticket.encPart();
        Optional<KerberosKey> key = service.key(enc.etype());
        if (key.isEmpty()) {
            throw new KdcError(ErrorCode.KRB_AP_ERR_NOKEY, "no key of enctype " + enc.etype() + " for the ticket");
        }
        OptionalInt kvno = enc.kvno();
        if (kvno.isPresent() && kvno.getAsInt() != service.kvno()) {
            key.get().close();
            throw new KdcError(ErrorCode.KRB_AP_ERR_BADKEYVER, "ticket kvno " + kvno.getAsInt() + " is not current");
        }
        try (KerberosKey k = key.get()) {
            byte[] plain = KerberosCrypto.decrypt(k, USAGE_TICKET, enc.cipher().toByteArray());
            try {
                return KrbCodec.decodeEncTicketPart(plain);
            } finally {
                java.util.Arrays.fill(plain, (byte) 0);
            }
        } catch (org.openlsa.crypto.kerberos.KerberosCryptoException | KrbDecodeException e) {
            throw new KdcError(ErrorCode.KRB_AP_ERR_BAD_INTEGRITY, "ticket does not decrypt");
        }
    }

    public static EncryptedData encryptReply(EncKdcRepPart part, int applicationTag, KerberosKey key, int usage,
                                             OptionalInt kvno, SecureRandom random) {
        byte[] plain = KrbCodec.encode(part, applicationTag);
        byte[] cipher = KerberosCrypto.encrypt(key, usage, plain, random);
        java.util.Arrays.fill(plain, (byte) 0);
        return new EncryptedData(key.type().id(), kvno, Bytes.of(cipher));
    }
}
