/**
 * The Kerberos authentication package ("Kerberos"): password logons through the AS exchange, token information
 * from the verified PAC, per-logon-session ticket caches, its CallPackage messages and the codecs of the KERB_*
 * structures in the serialized 64-bit layout (docs/kerberos-package.md). It is a client of KDCs, the embedded
 * realm's included, which it is given: it needs the KDC client, never the KDC.
 */
module org.openlsa.kerberos {
    requires transitive org.openlsa.engine;
    requires transitive org.openlsa.kdc.client;
    requires org.openlsa.krb5.files;
    exports org.openlsa.kerberos;
}
