package org.openlsa.peers;

import java.util.Map;

/**
 * A status word of the KCM protocol: a krb5 error code (com_err table "krb5", base -1765328384), 0 for success.
 * Any int round-trips; the codes KCM servers answer with have names (values read from MIT krb5 1.20's libkrb5
 * messages, table offsets given).
 *
 * @param code the signed 32-bit value as on the wire
 */
public record KcmStatus(int code) {
    private static final int KRB5_BASE = -1765328384;
    public static final KcmStatus SUCCESS = new KcmStatus(0);
    /** +139 "Credential cache name malformed". */
    public static final KcmStatus KRB5_CC_BADNAME = new KcmStatus(KRB5_BASE + 139);
    /** +141 "Matching credential not found". */
    public static final KcmStatus KRB5_CC_NOTFOUND = new KcmStatus(KRB5_BASE + 141);
    /** +142 "End of credential cache reached". */
    public static final KcmStatus KRB5_CC_END = new KcmStatus(KRB5_BASE + 142);
    /** +193 "Credentials cache I/O operation failed" (MIT's reading of a connection closed mid-reply). */
    public static final KcmStatus KRB5_CC_IO = new KcmStatus(KRB5_BASE + 193);
    /** +194 "Credentials cache permissions incorrect". */
    public static final KcmStatus KRB5_FCC_PERM = new KcmStatus(KRB5_BASE + 194);
    /** +195 "No credentials cache found" (klist prints "Credentials cache 'NAME' not found"). */
    public static final KcmStatus KRB5_FCC_NOFILE = new KcmStatus(KRB5_BASE + 195);
    /** +196 "Internal credentials cache error". */
    public static final KcmStatus KRB5_FCC_INTERNAL = new KcmStatus(KRB5_BASE + 196);
    /** +197 "Error writing to credentials cache". */
    public static final KcmStatus KRB5_CC_WRITE = new KcmStatus(KRB5_BASE + 197);
    /** +199 "Bad format in credentials cache". */
    public static final KcmStatus KRB5_CC_FORMAT = new KcmStatus(KRB5_BASE + 199);
    /** +247 "Ccache function not supported: not implemented". */
    public static final KcmStatus KRB5_CC_NOSUPP = new KcmStatus(KRB5_BASE + 247);

    private static final Map<Integer, String> NAMES = Map.ofEntries(Map.entry(0, "SUCCESS"),
            Map.entry(KRB5_CC_BADNAME.code, "KRB5_CC_BADNAME"), Map.entry(KRB5_CC_NOTFOUND.code, "KRB5_CC_NOTFOUND"),
            Map.entry(KRB5_CC_END.code, "KRB5_CC_END"), Map.entry(KRB5_CC_IO.code, "KRB5_CC_IO"),
            Map.entry(KRB5_FCC_PERM.code, "KRB5_FCC_PERM"), Map.entry(KRB5_FCC_NOFILE.code, "KRB5_FCC_NOFILE"),
            Map.entry(KRB5_FCC_INTERNAL.code, "KRB5_FCC_INTERNAL"), Map.entry(KRB5_CC_WRITE.code, "KRB5_CC_WRITE"),
            Map.entry(KRB5_CC_FORMAT.code, "KRB5_CC_FORMAT"), Map.entry(KRB5_CC_NOSUPP.code, "KRB5_CC_NOSUPP"));

    public boolean isSuccess() {
        return code == 0;
    }

    /**
     * Whether MIT's client takes this as "the server lacks the operation" and falls back to older opcodes
     * (cc_kcm.c: KRB5_FCC_INTERNAL from Heimdal, KRB5_CC_NOSUPP or KRB5_CC_IO from sssd).
     */
    public boolean meansUnsupported() {
        return equals(KRB5_FCC_INTERNAL) || equals(KRB5_CC_NOSUPP) || equals(KRB5_CC_IO);
    }

    @Override
    public String toString() {
        String name = NAMES.get(code);
        return name != null ? name : "krb5 error " + code;
    }
}
