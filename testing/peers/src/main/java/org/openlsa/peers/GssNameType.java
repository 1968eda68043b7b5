package org.openlsa.peers;

/** How an initiator names its target (RFC 2743 section 4.1 and RFC 1964 section 2.1). */
public enum GssNameType {
    /** GSS_C_NT_HOSTBASED_SERVICE: "service@host", mapped by the library to service/host@REALM. */
    HOSTBASED_SERVICE("hostbased"),
    /** GSS_KRB5_NT_PRINCIPAL_NAME: a Kerberos principal such as "host/svc.test.local@TEST.LOCAL". */
    KERBEROS_PRINCIPAL("principal");

    private final String wireName;

    GssNameType(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }
}
