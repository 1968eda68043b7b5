package org.openlsa.idmap;

import org.openlsa.core.NtStatus;

/** Why a SID has no Unix id, or an id no SID; each with the status an API caller sees. */
public enum IdRefusal {
    /**
     * Not a principal a process can be: a logon SID (names a session), an integrity label, CREATOR OWNER and the
     * like. A token's groups of this kind are left out of its supplementary gids rather than refusing the token.
     */
    NOT_A_PRINCIPAL(NtStatus.NONE_MAPPED),
    /** No rule covers it (an authority the table does not know, an id in a foreign domain's slice, ...). */
    NOT_MAPPED(NtStatus.NONE_MAPPED),
    /** The RID does not fit in a slice (RID >= slice size); a larger slice size in idmap.properties fixes it. */
    RID_OUT_OF_RANGE(NtStatus.NONE_MAPPED),
    /** The computed id already belongs to a local user or group that is not this SID's linked account. */
    COLLISION(NtStatus.OBJECT_NAME_COLLISION),
    /** S-1-22-1-N / S-1-22-2-N names an id inside the mapped range that no local account has. */
    RESERVED_ID(NtStatus.OBJECT_NAME_COLLISION);

    private final NtStatus status;

    IdRefusal(NtStatus status) {
        this.status = status;
    }

    /** The status an API that needs this mapping fails with. */
    public NtStatus status() {
        return status;
    }
}
