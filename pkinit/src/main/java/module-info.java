/**
 * The KDC half of PKINIT (RFC 4556): {@link org.openlsa.pkinit.PkinitKdc} answers a PA-PK-AS-REQ with a signed
 * Diffie-Hellman reply and the AS reply key, after checking the client's CMS signature, its certificate chain, key
 * purpose and name. A pure library: no I/O, time and randomness come from the caller.
 */
module org.openlsa.pkinit {
    requires transitive org.openlsa.crypto;
    requires transitive org.openlsa.krb5;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.util;
    exports org.openlsa.pkinit;
}
