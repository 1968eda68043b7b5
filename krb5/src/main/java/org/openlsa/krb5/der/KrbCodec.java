package org.openlsa.krb5.der;

import java.util.List;
import org.openlsa.krb5.ApRep;
import org.openlsa.krb5.ChangePasswdData;
import org.openlsa.krb5.EncKrbPrivPart;
import org.openlsa.krb5.KrbPriv;
import org.openlsa.krb5.ApReq;
import org.openlsa.krb5.AsRep;
import org.openlsa.krb5.AsReq;
import org.openlsa.krb5.AuthorizationData;
import org.openlsa.krb5.Authenticator;
import org.openlsa.krb5.Bytes;
import org.openlsa.krb5.Checksum;
import org.openlsa.krb5.EncApRepPart;
import org.openlsa.krb5.EncKdcRepPart;
import org.openlsa.krb5.EncKrbCredPart;
import org.openlsa.krb5.EncTicketPart;
import org.openlsa.krb5.EncryptedData;
import org.openlsa.krb5.EtypeInfo2Entry;
import org.openlsa.krb5.KdcRep;
import org.openlsa.krb5.KdcReq;
import org.openlsa.krb5.KdcReqBody;
import org.openlsa.krb5.KrbCred;
import org.openlsa.krb5.KrbError;
import org.openlsa.krb5.MessageType;
import org.openlsa.krb5.PaData;
import org.openlsa.krb5.PaEncTsEnc;
import org.openlsa.krb5.PaForUser;
import org.openlsa.krb5.PaPacOptions;
import org.openlsa.krb5.PaPacRequest;
import org.openlsa.krb5.PaS4uX509User;
import org.openlsa.krb5.S4uUserId;
import org.openlsa.krb5.TgsRep;
import org.openlsa.krb5.TgsReq;
import org.openlsa.krb5.Ticket;

/**
 * The DER codec of the Kerberos V5 messages (RFC 4120 section 5, MS-KILE, MS-SFU) over Bouncy Castle's ASN.1: one
 * {@code encode} and one {@code decodeX} per structure that travels on its own (a message, an encrypted part's
 * plaintext, a padata value).
 *
 * <p>Encoding is canonical DER: every context tag [n] EXPLICIT (the RFC 4120 module is EXPLICIT TAGS), absent
 * OPTIONAL fields omitted (an empty SEQUENCE OF counts as absent), KerberosFlags as exactly 32 bits, UInt32s
 * unsigned, strings as UTF-8 octets in a GeneralString. It is total over valid records, with one exception: a
 * KDC-REQ (or PA-S4U-X509-USER) whose received body octets do not encode its body is refused with
 * IllegalArgumentException (see {@link KdcReq}).
 *
 * <p>Decoding accepts what MIT and Windows send: GeneralStrings with any octets (read as UTF-8, malformed sequences
 * replaced), BIT STRINGs shorter or longer than 32 bits, UInt32s encoded as negative Int32s, BER length forms,
 * unknown extension fields (skipped). Anything malformed raises {@link KrbDecodeException} and nothing else: wrong
 * or missing tags, missing required fields, pvno other than 5, a msg-type that does not match the application tag,
 * integers out of range, times not "YYYYMMDDHHMMSSZ", trailing octets, nesting deeper than 32 levels, lengths past
 * the input, or input over {@link #MAX_ENCODING_BYTES}. For every {@code x} a decoder returns,
 * {@code decodeX(encode(x))} equals {@code x}.
 */
public final class KrbCodec {
    private KrbCodec() {}

    /** The largest encoding any decoder accepts: 1 MiB, far above any real message (MIT's KDC caps TCP at 1 MiB). */
    public static final int MAX_ENCODING_BYTES = 1 << 20;

    /**
     * The number n of the outer [APPLICATION n] tag (constructed, low-tag form) of {@code message}, or -1 if it does
     * not start with one; reads the first octet only, so a KDC can dispatch raw bytes (10 = AS-REQ, 12 = TGS-REQ,
     * see {@link MessageType}) before decoding them.
     */
    public static int applicationTag(byte[] message) {
        if (message.length == 0) {
            return -1;
        }
        int identifier = message[0] & 0xFF;
        // class APPLICATION (01), constructed (1), tag number below 31 (not the high-tag-number form)
        if ((identifier & 0xE0) != 0x60 || (identifier & 0x1F) == 0x1F) {
            return -1;
        }
        return identifier & 0x1F;
    }

    /**
     * Checks, without recursing, that {@code ber} is one complete BER element whose constructed elements nest at most
     * as deep as any Kerberos decoder allows: for codecs outside this module (PKINIT's CMS and certificate
     * extensions) that must hand octets to Bouncy Castle's recursive parser, which has no depth limit of its own.
     */
    public static void checkNesting(byte[] ber, String what) throws KrbDecodeException {
        NestingGuard.check(ber, Der.MAX_DEPTH, what);
    }

    // ---- KDC-REQ (RFC 4120 5.4.1) ----

    public static AsReq decodeAsReq(byte[] der) throws KrbDecodeException {
        return Der.decode(der, "AS-REQ", v -> KdcMessages.readAsReq(der, v));
    }

    public static TgsReq decodeTgsReq(byte[] der) throws KrbDecodeException {
        return Der.decode(der, "TGS-REQ", v -> KdcMessages.readTgsReq(der, v));
    }

    /** An AS-REQ or a TGS-REQ, by its application tag. */
    public static KdcReq decodeKdcReq(byte[] der) throws KrbDecodeException {
        return switch (applicationTag(der)) {
            case MessageType.AS_REQ -> decodeAsReq(der);
            case MessageType.TGS_REQ -> decodeTgsReq(der);
            default -> throw new KrbDecodeException("KDC-REQ: expected [APPLICATION 10] or [APPLICATION 12]");
        };
    }

    /**
     * The AS-REQ or TGS-REQ, with {@code encodedReqBody} written verbatim.
     *
     * @throws IllegalArgumentException if {@code encodedReqBody} does not decode to {@code reqBody}
     */
    public static byte[] encode(KdcReq req) {
        return KdcMessages.writeReq(req);
    }

    public static KdcReqBody decodeKdcReqBody(byte[] der) throws KrbDecodeException {
        return Der.decode(der, "KDC-REQ-BODY", v -> KdcMessages.readReqBody(v, What.of("KDC-REQ-BODY")));
    }

    /** The DER of a KDC-REQ-BODY: what a client checksums into the TGS-REQ authenticator (RFC 4120 7.2.2). */
    public static byte[] encode(KdcReqBody body) {
        return Der.encode(KdcMessages.writeReqBody(body));
    }

    /** An AS-REQ built locally: {@code encodedReqBody} is {@code encode(reqBody)}. */
    public static AsReq asReq(List<PaData> padata, KdcReqBody reqBody) {
        return new AsReq(padata, reqBody, Bytes.of(encode(reqBody)));
    }

    /** A TGS-REQ built locally: {@code encodedReqBody} is {@code encode(reqBody)}. */
    public static TgsReq tgsReq(List<PaData> padata, KdcReqBody reqBody) {
        return new TgsReq(padata, reqBody, Bytes.of(encode(reqBody)));
    }

    // ---- KDC-REP and EncKDCRepPart (RFC 4120 5.4.2) ----

    public static AsRep decodeAsRep(byte[] der) throws KrbDecodeException {
        return Der.decode(der, "AS-REP", KdcMessages::readAsRep);
    }

    public static TgsRep decodeTgsRep(byte[] der) throws KrbDecodeException {
        return Der.decode(der, "TGS-REP", KdcMessages::readTgsRep);
    }

    /** An AS-REP or a TGS-REP, by its application tag. */
    public static KdcRep decodeKdcRep(byte[] der) throws KrbDecodeException {
        return switch (applicationTag(der)) {
            case MessageType.AS_REP -> decodeAsRep(der);
            case MessageType.TGS_REP -> decodeTgsRep(der);
            default -> throw new KrbDecodeException("KDC-REP: expected [APPLICATION 11] or [APPLICATION 13]");
        };
    }

    public static byte[] encode(KdcRep rep) {
        return Der.encode(KdcMessages.writeRep(rep));
    }

    /** The plaintext of a KDC-REP enc-part, as [APPLICATION 25] or [APPLICATION 26] (either is accepted). */
    public static EncKdcRepPart decodeEncKdcRepPart(byte[] der) throws KrbDecodeException {
        return Der.decode(der, "EncKDCRepPart", KdcMessages::readEncKdcRepPart);
    }

    /**
     * @param applicationTag {@link EncKdcRepPart#ENC_AS_REP_PART} (25) or {@link EncKdcRepPart#ENC_TGS_REP_PART}
     *     (26); send 25 in AS replies (Windows does, impacket accepts nothing else) and 26 in TGS replies
     * @throws IllegalArgumentException for any other tag
     */
    public static byte[] encode(EncKdcRepPart part, int applicationTag) {
        return Der.encode(KdcMessages.writeEncKdcRepPart(part, applicationTag));
    }

    // ---- Ticket and EncTicketPart (RFC 4120 5.3) ----

    public static Ticket decodeTicket(byte[] der) throws KrbDecodeException {
        return Der.decode(der, "Ticket", v -> Common.readTicket(v, What.of("Ticket")));
    }

    public static byte[] encode(Ticket ticket) {
        return Der.encode(Common.writeTicket(ticket));
    }

    public static EncTicketPart decodeEncTicketPart(byte[] der) throws KrbDecodeException {
        return Der.decode(der, "EncTicketPart", ApMessages::readEncTicketPart);
    }

    public static byte[] encode(EncTicketPart part) {
        return Der.encode(ApMessages.writeEncTicketPart(part));
    }

    // ---- AP-REQ, Authenticator, AP-REP, EncAPRepPart (RFC 4120 5.5) ----

    /** An AP-REQ; in a TGS-REQ, the value of the PA-TGS-REQ padata. */
    public static ApReq decodeApReq(byte[] der) throws KrbDecodeException {
        return Der.decode(der, "AP-REQ", ApMessages::readApReq);
    }

    public static byte[] encode(ApReq req) {
        return Der.encode(ApMessages.writeApReq(req));
    }

    public static Authenticator decodeAuthenticator(byte[] der) throws KrbDecodeException {
        return Der.decode(der, "Authenticator", ApMessages::readAuthenticator);
    }

    public static byte[] encode(Authenticator authenticator) {
        return Der.encode(ApMessages.writeAuthenticator(authenticator));
    }

    public static ApRep decodeApRep(byte[] der) throws KrbDecodeException {
        return Der.decode(der, "AP-REP", ApMessages::readApRep);
    }

    public static byte[] encode(ApRep rep) {
        return Der.encode(ApMessages.writeApRep(rep));
    }

    public static EncApRepPart decodeEncApRepPart(byte[] der) throws KrbDecodeException {
        return Der.decode(der, "EncAPRepPart", ApMessages::readEncApRepPart);
    }

    public static byte[] encode(EncApRepPart part) {
        return Der.encode(ApMessages.writeEncApRepPart(part));
    }

    // ---- KRB-ERROR and METHOD-DATA (RFC 4120 5.9.1, 5.2.7.1) ----

    public static KrbError decodeKrbError(byte[] der) throws KrbDecodeException {
        return Der.decode(der, "KRB-ERROR", ErrorMessages::readKrbError);
    }

    public static byte[] encode(KrbError error) {
        return Der.encode(ErrorMessages.writeKrbError(error));
    }

    /** METHOD-DATA ::= SEQUENCE OF PA-DATA: the e-data of KDC_ERR_PREAUTH_REQUIRED and similar errors. */
    public static List<PaData> decodeMethodData(byte[] der) throws KrbDecodeException {
        return Der.decode(der, "METHOD-DATA", v -> Common.readPaDataList(v, What.of("METHOD-DATA")));
    }

    public static byte[] encodeMethodData(List<PaData> methodData) {
        return Der.encode(Common.writePaDataList(methodData));
    }

    // ---- KRB-CRED (RFC 4120 5.8) ----

    public static KrbCred decodeKrbCred(byte[] der) throws KrbDecodeException {
        return Der.decode(der, "KRB-CRED", CredMessages::readKrbCred);
    }

    public static byte[] encode(KrbCred cred) {
        return Der.encode(CredMessages.writeKrbCred(cred));
    }

    public static EncKrbCredPart decodeEncKrbCredPart(byte[] der) throws KrbDecodeException {
        return Der.decode(der, "EncKrbCredPart", CredMessages::readEncKrbCredPart);
    }

    public static byte[] encode(EncKrbCredPart part) {
        return Der.encode(CredMessages.writeEncKrbCredPart(part));
    }

    // ---- KRB-PRIV (RFC 4120 5.7) and the kpasswd payload (RFC 3244) ----

    public static KrbPriv decodeKrbPriv(byte[] der) throws KrbDecodeException {
        return Der.decode(der, "KRB-PRIV", PrivMessages::readKrbPriv);
    }

    public static byte[] encode(KrbPriv priv) {
        return Der.encode(PrivMessages.writeKrbPriv(priv));
    }

    public static EncKrbPrivPart decodeEncKrbPrivPart(byte[] der) throws KrbDecodeException {
        return Der.decode(der, "EncKrbPrivPart", PrivMessages::readEncKrbPrivPart);
    }

    public static byte[] encode(EncKrbPrivPart part) {
        return Der.encode(PrivMessages.writeEncKrbPrivPart(part));
    }

    public static ChangePasswdData decodeChangePasswdData(byte[] der) throws KrbDecodeException {
        return Der.decode(der, "ChangePasswdData", PrivMessages::readChangePasswdData);
    }

    public static byte[] encode(ChangePasswdData data) {
        return Der.encode(PrivMessages.writeChangePasswdData(data));
    }

    // ---- Shared structures that travel alone ----

    /** An EncryptedData: also the padata-value of PA-ENC-TIMESTAMP (PA-ENC-TIMESTAMP ::= EncryptedData). */
    public static EncryptedData decodeEncryptedData(byte[] der) throws KrbDecodeException {
        return Der.decode(der, "EncryptedData", v -> Common.readEncryptedData(v, What.of("EncryptedData")));
    }

    public static byte[] encode(EncryptedData data) {
        return Der.encode(Common.writeEncryptedData(data));
    }

    /** AuthorizationData: the plaintext of enc-authorization-data, or the content of AD-IF-RELEVANT. */
    public static AuthorizationData decodeAuthorizationData(byte[] der) throws KrbDecodeException {
        return Der.decode(der, "AuthorizationData", v -> Common.readAuthorizationData(v, What.of("AuthorizationData")));
    }

    public static byte[] encode(AuthorizationData data) {
        return Der.encode(Common.writeAuthorizationData(data));
    }

    // ---- Pre-authentication payloads ----

    /** The plaintext of PA-ENC-TIMESTAMP (RFC 4120 5.2.7.2). */
    public static PaEncTsEnc decodePaEncTsEnc(byte[] der) throws KrbDecodeException {
        return Der.decode(der, "PA-ENC-TS-ENC", PreauthPayloads::readPaEncTsEnc);
    }

    public static byte[] encode(PaEncTsEnc timestamp) {
        return Der.encode(PreauthPayloads.writePaEncTsEnc(timestamp));
    }

    /** ETYPE-INFO2 ::= SEQUENCE SIZE (1..MAX) OF ETYPE-INFO2-ENTRY (RFC 4120 5.2.7.5); empty is accepted. */
    public static List<EtypeInfo2Entry> decodeEtypeInfo2(byte[] der) throws KrbDecodeException {
        return Der.decode(der, "ETYPE-INFO2", PreauthPayloads::readEtypeInfo2);
    }

    public static byte[] encodeEtypeInfo2(List<EtypeInfo2Entry> entries) {
        return Der.encode(PreauthPayloads.writeEtypeInfo2(entries));
    }

    public static PaPacRequest decodePaPacRequest(byte[] der) throws KrbDecodeException {
        return Der.decode(der, "KERB-PA-PAC-REQUEST", PreauthPayloads::readPaPacRequest);
    }

    public static byte[] encode(PaPacRequest request) {
        return Der.encode(PreauthPayloads.writePaPacRequest(request));
    }

    public static PaPacOptions decodePaPacOptions(byte[] der) throws KrbDecodeException {
        return Der.decode(der, "PA-PAC-OPTIONS", PreauthPayloads::readPaPacOptions);
    }

    public static byte[] encode(PaPacOptions options) {
        return Der.encode(PreauthPayloads.writePaPacOptions(options));
    }

    public static PaForUser decodePaForUser(byte[] der) throws KrbDecodeException {
        return Der.decode(der, "PA-FOR-USER", PreauthPayloads::readPaForUser);
    }

    public static byte[] encode(PaForUser forUser) {
        return Der.encode(PreauthPayloads.writePaForUser(forUser));
    }

    public static PaS4uX509User decodePaS4uX509User(byte[] der) throws KrbDecodeException {
        return Der.decode(der, "PA-S4U-X509-USER", v -> PreauthPayloads.readPaS4uX509User(der, v));
    }

    /**
     * The PA-S4U-X509-USER, with {@code encodedUserId} written verbatim.
     *
     * @throws IllegalArgumentException if {@code encodedUserId} does not decode to {@code userId}
     */
    public static byte[] encode(PaS4uX509User user) {
        return PreauthPayloads.writePaS4uX509User(user);
    }

    public static S4uUserId decodeS4uUserId(byte[] der) throws KrbDecodeException {
        return Der.decode(der, "S4UUserID", v -> PreauthPayloads.readS4uUserId(v, What.of("S4UUserID")));
    }

    /** The DER of an S4UUserID: what the PA-S4U-X509-USER checksum covers (MS-SFU 2.2.2). */
    public static byte[] encode(S4uUserId userId) {
        return Der.encode(PreauthPayloads.writeS4uUserId(userId));
    }

    /** A PA-S4U-X509-USER built locally: {@code encodedUserId} is {@code encode(userId)}. */
    public static PaS4uX509User paS4uX509User(S4uUserId userId, Checksum checksum) {
        return new PaS4uX509User(userId, checksum, Bytes.of(encode(userId)));
    }
}
