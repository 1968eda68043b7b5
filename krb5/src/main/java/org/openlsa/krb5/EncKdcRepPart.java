package org.openlsa.krb5;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * EncKDCRepPart (RFC 4120 5.4.2): the encrypted part of an AS-REP or TGS-REP, giving the client its session key and
 * the ticket's parameters. The wire form wraps it in [APPLICATION 25] (EncASRepPart) or [APPLICATION 26]
 * (EncTGSRepPart); the encoder takes the tag to use and the decoder accepts either for either reply, as MIT does
 * (MIT's KDC has used [26] in AS replies; Windows sends [25], and impacket accepts only [25] in an AS-REP).
 *
 * <pre>
 * EncKDCRepPart   ::= SEQUENCE {
 *         key             [0] EncryptionKey,
 *         last-req        [1] LastReq,
 *         nonce           [2] UInt32,
 *         key-expiration  [3] KerberosTime OPTIONAL,
 *         flags           [4] TicketFlags,
 *         authtime        [5] KerberosTime,
 *         starttime       [6] KerberosTime OPTIONAL,
 *         endtime         [7] KerberosTime,
 *         renew-till      [8] KerberosTime OPTIONAL,
 *         srealm          [9] Realm,
 *         sname           [10] PrincipalName,
 *         caddr           [11] HostAddresses OPTIONAL,
 *         encrypted-pa-data [12] SEQUENCE OF PA-DATA OPTIONAL -- RFC 6806 11
 * }
 * </pre>
 *
 * Empty {@code caddr} and {@code encryptedPaData} mean absent.
 */
public record EncKdcRepPart(
        EncryptionKey key,
        LastReq lastReq,
        long nonce,
        Optional<KerberosTime> keyExpiration,
        TicketFlags flags,
        KerberosTime authtime,
        Optional<KerberosTime> starttime,
        KerberosTime endtime,
        Optional<KerberosTime> renewTill,
        String srealm,
        PrincipalName sname,
        List<HostAddress> caddr,
        List<PaData> encryptedPaData) {

    /** EncASRepPart ::= [APPLICATION 25] EncKDCRepPart. */
    public static final int ENC_AS_REP_PART = 25;
    /** EncTGSRepPart ::= [APPLICATION 26] EncKDCRepPart. */
    public static final int ENC_TGS_REP_PART = 26;

    public EncKdcRepPart {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(lastReq, "lastReq");
        Checks.uint32(nonce, "nonce");
        Checks.optional(keyExpiration, "keyExpiration");
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(authtime, "authtime");
        Checks.optional(starttime, "starttime");
        Objects.requireNonNull(endtime, "endtime");
        Checks.optional(renewTill, "renewTill");
        Checks.string(srealm, "srealm");
        Objects.requireNonNull(sname, "sname");
        caddr = Checks.list(caddr, "caddr");
        encryptedPaData = Checks.list(encryptedPaData, "encryptedPaData");
    }
}
