package org.openlsa.idmap;

/** Which rule of docs/idmap.md produced a mapping. */
public enum IdSource {
    /** The account is linked to an existing Unix account ({@code lsa user set --uid}); its uid is that account's. */
    LINKED,
    /** S-1-22-1-uid or S-1-22-2-gid (Samba's "Unix User"/"Unix Group"): the id is in the SID. */
    UNIX_SID,
    /** The fixed table of well-known and builtin SIDs (slice 0 of the range; SYSTEM is 0). */
    WELL_KNOWN,
    /** A domain SID and RID: range low + slice * slice size + RID. */
    ALGORITHMIC
}
