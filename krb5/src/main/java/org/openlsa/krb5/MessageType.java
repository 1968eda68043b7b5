package org.openlsa.krb5;

/**
 * Kerberos message types (RFC 4120 7.5.7): the msg-type field of each message, which is also the number of its
 * outer [APPLICATION n] tag. The encrypted parts have application tags of their own ({@link #TICKET} ...
 * {@link #ENC_KRB_CRED_PART}), listed here too so a tag read off the wire can be named.
 */
public final class MessageType {
    private MessageType() {}

    public static final int TICKET = 1;
    public static final int AUTHENTICATOR = 2;
    public static final int ENC_TICKET_PART = 3;
    /** Request for initial authentication. */
    public static final int AS_REQ = 10;
    /** Response to KRB_AS_REQ request. */
    public static final int AS_REP = 11;
    /** Request for authentication based on TGT. */
    public static final int TGS_REQ = 12;
    /** Response to KRB_TGS_REQ request. */
    public static final int TGS_REP = 13;
    /** Application request to server. */
    public static final int AP_REQ = 14;
    /** Response to KRB_AP_REQ_MUTUAL. */
    public static final int AP_REP = 15;
    /** Safe (checksummed) application message. */
    public static final int KRB_SAFE = 20;
    /** Private (encrypted) application message. */
    public static final int KRB_PRIV = 21;
    /** Private (encrypted) message to forward credentials. */
    public static final int KRB_CRED = 22;
    public static final int ENC_AS_REP_PART = 25;
    public static final int ENC_TGS_REP_PART = 26;
    public static final int ENC_AP_REP_PART = 27;
    public static final int ENC_KRB_PRIV_PART = 28;
    public static final int ENC_KRB_CRED_PART = 29;
    /** Error response. */
    public static final int KRB_ERROR = 30;

    /** The ASN.1 name of the message or part with application tag {@code tag} ("AS-REQ"), or "APPLICATION n". */
    public static String name(int tag) {
        return switch (tag) {
            case TICKET -> "Ticket";
            case AUTHENTICATOR -> "Authenticator";
            case ENC_TICKET_PART -> "EncTicketPart";
            case AS_REQ -> "AS-REQ";
            case AS_REP -> "AS-REP";
            case TGS_REQ -> "TGS-REQ";
            case TGS_REP -> "TGS-REP";
            case AP_REQ -> "AP-REQ";
            case AP_REP -> "AP-REP";
            case KRB_SAFE -> "KRB-SAFE";
            case KRB_PRIV -> "KRB-PRIV";
            case KRB_CRED -> "KRB-CRED";
            case ENC_AS_REP_PART -> "EncASRepPart";
            case ENC_TGS_REP_PART -> "EncTGSRepPart";
            case ENC_AP_REP_PART -> "EncAPRepPart";
            case ENC_KRB_PRIV_PART -> "EncKrbPrivPart";
            case ENC_KRB_CRED_PART -> "EncKrbCredPart";
            case KRB_ERROR -> "KRB-ERROR";
            default -> "APPLICATION " + tag;
        };
    }
}
