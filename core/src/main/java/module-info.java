/**
 * The OpenLSA security model: pure, immutable values with no I/O. NTSTATUS codes, SIDs, LUIDs, privileges and
 * logon rights, access tokens and their ACLs. {@code org.openlsa.core.wire} holds the bounded little-endian
 * cursors every Windows-structure codec reads and writes through.
 */
module org.openlsa.core {
    exports org.openlsa.core;
    exports org.openlsa.core.wire;
}
