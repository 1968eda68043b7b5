/**
 * The OpenLSA security model: pure, immutable values with no I/O. NTSTATUS codes, SIDs, LUIDs, privileges and
 * logon rights, access tokens and their ACLs, security descriptors (binary and SDDL) and the access check.
 * {@code org.openlsa.core.wire} holds the bounded cursor every binary reader is built on and the little-endian LSA
 * structure reader and writer; {@code org.openlsa.core.der} the one strict DER reader and writer (SPNEGO and
 * Kerberos). Both are exported only to the modules that parse with them.
 */
module org.openlsa.core {
    exports org.openlsa.core;
    // engine: the logon structures msv1_0 and kerberos share (org.openlsa.engine.spi.logon) are read with it.
    exports org.openlsa.core.wire to
            org.openlsa.engine,
            org.openlsa.msv1_0,
            org.openlsa.kerberos,
            org.openlsa.ntlmssp,
            org.openlsa.krb5,
            org.openlsa.pac,
            org.openlsa.krb5.files,
            org.openlsa.ipc;
    exports org.openlsa.core.der to
            org.openlsa.krb5,
            org.openlsa.ntlmssp;
}
