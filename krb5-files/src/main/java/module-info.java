/**
 * MIT krb5 file formats: the FILE keytab (version 2) and the FILE credential cache (version 4), read and written
 * as immutable values. Independent of the other Kerberos modules: principals, keys and tickets are plain values
 * here (a small principal record, enctype + {@link org.openlsa.crypto.SecretBytes}, raw DER tickets). Reads through
 * core's bounded cursor ({@code org.openlsa.core.wire.BoundedCursor}).
 */
module org.openlsa.krb5.files {
    requires transitive org.openlsa.crypto;
    requires org.openlsa.core;
    exports org.openlsa.krb5.files;
    // The KCM protocol marshals principals and credentials exactly as the ccache does (CcacheMarshalling).
    exports org.openlsa.krb5.files.internal to org.openlsa.kcm;
}
