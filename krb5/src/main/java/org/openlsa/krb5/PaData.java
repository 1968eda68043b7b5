package org.openlsa.krb5;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * PA-DATA (RFC 4120 5.2.7): one pre-authentication or hint element of a KDC request, reply or error. The value is
 * kept as octets; the payload types this module knows ({@link PaEncTsEnc}, {@link EtypeInfo2Entry},
 * {@link PaPacRequest}, {@link PaForUser}, {@link PaS4uX509User}, {@link PaPacOptions}, an {@link ApReq}) are
 * decoded from them by the codec on demand.
 *
 * <pre>
 * PA-DATA         ::= SEQUENCE {
 *         -- NOTE: first tag is [1], not [0]
 *         padata-type     [1] Int32,
 *         padata-value    [2] OCTET STRING -- might be encoded AP-REQ
 * }
 * </pre>
 */
public record PaData(int padataType, Bytes padataValue) {
    /** The AP-REQ authenticating a TGS-REQ (RFC 4120 5.4.1; the RFC also calls it PA-TGS-REQ). */
    public static final int PA_TGS_REQ = 1;
    /** Encrypted PA-ENC-TS-ENC under the client's long-term key (RFC 4120 5.2.7.2). */
    public static final int PA_ENC_TIMESTAMP = 2;
    /** A salt for string-to-key (RFC 4120 5.2.7.3); superseded by ETYPE-INFO2. */
    public static final int PA_PW_SALT = 3;
    public static final int PA_ENC_UNIX_TIME = 5;
    public static final int PA_AFS3_SALT = 10;
    /** ETYPE-INFO (RFC 4120 5.2.7.4), for DES-era clients. */
    public static final int PA_ETYPE_INFO = 11;
    /** Old (draft-9) PKINIT request/reply numbers still sent by Windows. */
    public static final int PA_PK_AS_REQ_OLD = 14;
    public static final int PA_PK_AS_REP_OLD = 15;
    /** PKINIT (RFC 4556 3.2). */
    public static final int PA_PK_AS_REQ = 16;
    public static final int PA_PK_AS_REP = 17;
    /** ETYPE-INFO2 (RFC 4120 5.2.7.5). */
    public static final int PA_ETYPE_INFO2 = 19;
    /** Referral hint (RFC 6806 8). */
    public static final int PA_SVR_REFERRAL_INFO = 20;
    /** KERB-PA-PAC-REQUEST (MS-KILE 2.2.3). */
    public static final int PA_PAC_REQUEST = 128;
    /** PA-FOR-USER, S4U2Self by name (MS-SFU 2.2.1). */
    public static final int PA_FOR_USER = 129;
    /** PA-S4U-X509-USER, S4U2Self by name or certificate (MS-SFU 2.2.2). */
    public static final int PA_S4U_X509_USER = 130;
    /** FAST cookie (RFC 6113 5.2). */
    public static final int PA_FX_COOKIE = 133;
    /** FAST armored request/reply (RFC 6113 5.4.2). */
    public static final int PA_FX_FAST = 136;
    /** FAST error (RFC 6113 5.4.4). */
    public static final int PA_FX_ERROR = 137;
    /** Encrypted challenge (RFC 6113 5.4.6). */
    public static final int PA_ENCRYPTED_CHALLENGE = 138;
    /** Reply-key protected copy of the request's padata (RFC 6806 11). */
    public static final int PA_REQ_ENC_PA_REP = 149;
    /** AS freshness token (RFC 8070). */
    public static final int PA_AS_FRESHNESS = 150;
    /** SPAKE pre-authentication (draft-ietf-kitten-krb-spake-preauth; MIT 1.17 and later). */
    public static final int PA_SPAKE = 151;
    /** KERB-KEY-LIST-REQ / KERB-KEY-LIST-REP (MS-KILE, Windows Server 2016 and later). */
    public static final int KERB_KEY_LIST_REQ = 161;
    public static final int KERB_KEY_LIST_REP = 162;
    /** PA-SUPPORTED-ENCTYPES (MS-KILE), in a TGT's authorization data. */
    public static final int PA_SUPPORTED_ENCTYPES = 165;
    /** PA-PAC-OPTIONS (MS-KILE 2.2.10). */
    public static final int PA_PAC_OPTIONS = 167;

    public PaData {
        Objects.requireNonNull(padataValue, "padataValue");
    }

    /** The first element of {@code padata} with type {@code padataType}, if any. */
    public static Optional<PaData> find(List<PaData> padata, int padataType) {
        for (PaData p : padata) {
            if (p.padataType == padataType) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
