/**
 * The embedded Key Distribution Center: {@link org.openlsa.kdc.Kdc} answers AS and TGS requests (RFC 4120, MS-PAC,
 * MS-SFU) from the account database, and its kpasswd service password changes (RFC 3244);
 * {@link org.openlsa.kdc.KdcServer} serves either on UDP and TCP. The protocol it implements and the kpasswd frames
 * are the KDC client's ({@code org.openlsa.kdc.client}).
 */
module org.openlsa.kdc {
    requires transitive org.openlsa.sam;
    requires transitive org.openlsa.kdc.client;
    requires org.bouncycastle.provider;
    requires transitive org.openlsa.pkinit; // Kdc.create takes the PKINIT identity
    exports org.openlsa.kdc;
}
