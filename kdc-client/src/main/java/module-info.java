/**
 * The client side of a Kerberos KDC and of its kpasswd service: {@link org.openlsa.kdc.client.KdcClient} (AS, TGS,
 * S4U2Self exchanges), {@link org.openlsa.kdc.client.KpasswdClient} (RFC 3244) over the network or into a KDC in
 * this process, and the protocol types both sides share ({@code org.openlsa.kdc.protocol}: the request/reply
 * interface a KDC implements, the kpasswd frames). It needs Kerberos messages, PACs and crypto, not the account
 * database: a Kerberos client reaches a KDC without being one.
 */
module org.openlsa.kdc.client {
    requires transitive org.openlsa.krb5;
    requires transitive org.openlsa.pac;
    requires transitive org.openlsa.crypto;
    requires org.bouncycastle.provider;
    exports org.openlsa.kdc.client;
    // What the KDC and its in-process callers share (KdcProtocol, EmbeddedKdc, kpasswd frames). Not qualified: the
    // server implements these interfaces, and the Kerberos package's tests load that server from the class path.
    exports org.openlsa.kdc.protocol;
}
