/**
 * Secrets and the hash primitives of the authentication packages (MD4 from Bouncy Castle: JCE has none), and the
 * Kerberos encryption and checksum types of RFC 3961/3962/8009/4757 ({@code org.openlsa.crypto.kerberos}).
 */
module org.openlsa.crypto {
    requires org.bouncycastle.provider;
    exports org.openlsa.crypto;
    exports org.openlsa.crypto.kerberos;
}
