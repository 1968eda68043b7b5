/**
 * The Privilege Attribute Certificate ([MS-PAC]): the PAC and its buffers as immutable values, their codecs
 * (PACTYPE framing, NDR 1.0 for KERB_VALIDATION_INFO) and the byte layout the KDC signs. No cryptography: the
 * keyed checksums are computed by the caller over the bytes {@link org.openlsa.pac.SignablePac} hands out.
 */
module org.openlsa.pac {
    requires transitive org.openlsa.core;
    // The PAC is made by the KDC and checked by its client and the Kerberos package; token information leaves
    // through the engine's types, never as PAC structures.
    exports org.openlsa.pac to
            org.openlsa.kdc.client,
            org.openlsa.kdc,
            org.openlsa.kerberos;
}
