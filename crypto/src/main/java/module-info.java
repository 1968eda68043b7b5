/** Secrets and the hash primitives of the authentication packages (MD4 from Bouncy Castle: JCE has none). */
module org.openlsa.crypto {
    requires org.bouncycastle.provider;
    exports org.openlsa.crypto;
}
