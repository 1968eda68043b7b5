package org.openlsa.kcm;

import java.util.Map;

/**
 * The status a KCM reply starts with: 0, or a krb5 com_err code from MIT's krb5_err.et (error table base
 * -1765328384), the values MIT's client, Heimdal's and SSSD's servers use. A record around the code, so a code this
 * class does not name still round-trips.
 *
 * <p>MIT's client takes {@link #FCC_INTERNAL}, {@link #CC_IO} and {@link #CC_NOSUPP} to mean "this server does not
 * do that operation" and falls back to older ones (cc_kcm.c, unsupported_op_error).
 */
public record KcmStatus(int code) {
    private static final int KRB5_BASE = -1765328384;

    public static final KcmStatus SUCCESS = new KcmStatus(0);
    /** The cache name is malformed or reserved. */
    public static final KcmStatus CC_BADNAME = new KcmStatus(KRB5_BASE + 139);
    /** No credential matches (RETRIEVE, REMOVE_CRED). */
    public static final KcmStatus CC_NOTFOUND = new KcmStatus(KRB5_BASE + 141);
    /** No such credential or cache by UUID: the end of an iteration (Heimdal's answer, which MIT expects). */
    public static final KcmStatus CC_END = new KcmStatus(KRB5_BASE + 142);
    public static final KcmStatus CC_IO = new KcmStatus(KRB5_BASE + 193);
    /** No such cache, one without a principal yet, or one the caller may not read (as sssd-kcm answers). */
    public static final KcmStatus FCC_NOFILE = new KcmStatus(KRB5_BASE + 195);
    /** Heimdal's answer to an opcode it does not know; also a write to a cache the caller may not use (sssd-kcm's). */
    public static final KcmStatus FCC_INTERNAL = new KcmStatus(KRB5_BASE + 196);
    /** A per-uid or per-cache bound would be passed (docs/kcm.md, "Limits"). */
    public static final KcmStatus CC_WRITE = new KcmStatus(KRB5_BASE + 197);
    /** The request's arguments are malformed. */
    public static final KcmStatus CC_FORMAT = new KcmStatus(KRB5_BASE + 199);
    /** A known operation this server does not serve (SSSD's answer). */
    public static final KcmStatus CC_NOSUPP = new KcmStatus(KRB5_BASE + 247);

    private static final Map<Integer, String> NAMES = Map.of(0, "SUCCESS", CC_BADNAME.code, "KRB5_CC_BADNAME",
            CC_NOTFOUND.code, "KRB5_CC_NOTFOUND", CC_END.code, "KRB5_CC_END", CC_IO.code, "KRB5_CC_IO",
            FCC_NOFILE.code, "KRB5_FCC_NOFILE", FCC_INTERNAL.code,
            "KRB5_FCC_INTERNAL", CC_WRITE.code, "KRB5_CC_WRITE", CC_FORMAT.code, "KRB5_CC_FORMAT");

    public boolean isSuccess() {
        return code == 0;
    }

    @Override
    public String toString() {
        String name = code == CC_NOSUPP.code ? "KRB5_CC_NOSUPP" : NAMES.get(code);
        return name != null ? name : "krb5 error " + code;
    }
}
