package org.openlsa.krb5;

import java.util.Objects;

/**
 * One element of {@link LastReq} (RFC 4120 5.4.2): what {@code lrValue} is the time of, by {@code lrType}. A negative
 * type means the information is about this principal only, a positive one about all servers of the realm.
 */
public record LastReqEntry(int lrType, KerberosTime lrValue) {
    /** No information. */
    public static final int LR_NONE = 0;
    /** Time of the last initial request for a TGT. */
    public static final int LR_LAST_INITIAL_TGT = 1;
    /** Time of the last initial request. */
    public static final int LR_LAST_INITIAL = 2;
    /** Time of issue of the newest TGT used. */
    public static final int LR_LAST_TGT_ISSUED = 3;
    /** Time of the last renewal. */
    public static final int LR_LAST_RENEWAL = 4;
    /** Time of the last request of any type. */
    public static final int LR_LAST_REQUEST = 5;
    /** When the password expires. */
    public static final int LR_PW_EXPTIME = 6;
    /** When the account expires. */
    public static final int LR_ACCT_EXPTIME = 7;

    public LastReqEntry {
        Objects.requireNonNull(lrValue, "lrValue");
    }
}
