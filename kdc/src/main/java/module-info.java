/**
 * The embedded Key Distribution Center: {@link org.openlsa.kdc.Kdc} answers AS and TGS requests (RFC 4120, MS-PAC,
 * MS-SFU) from the account database; {@link org.openlsa.kdc.KdcServer} serves it on UDP and TCP.
 */
module org.openlsa.kdc {
    requires transitive org.openlsa.sam;
    requires transitive org.openlsa.krb5;
    requires transitive org.openlsa.pac;
    requires org.bouncycastle.provider;
    exports org.openlsa.kdc;
    exports org.openlsa.kdc.client;
}
