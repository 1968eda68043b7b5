package org.openlsa.krb5;

import java.util.List;

/**
 * LastReq (RFC 4120 5.4.2), in every EncKdcRepPart: the times of the client's last requests, by type. Required in
 * the reply but may be empty (MIT sends one LR_NONE element with time 0).
 *
 * <pre>
 * LastReq         ::=     SEQUENCE OF SEQUENCE {
 *         lr-type         [0] Int32,
 *         lr-value        [1] KerberosTime
 * }
 * </pre>
 */
public record LastReq(List<LastReqEntry> entries) {
    public static final LastReq EMPTY = new LastReq(List.of());

    public LastReq {
        entries = Checks.list(entries, "entries");
    }

    public static LastReq of(LastReqEntry... entries) {
        return new LastReq(List.of(entries));
    }
}
