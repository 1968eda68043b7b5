/**
 * The Kerberos V5 messages (RFC 4120 section 5, with the MS-KILE and MS-SFU additions) as immutable values in
 * {@code org.openlsa.krb5}, and their DER codecs over Bouncy Castle's ASN.1 primitives in
 * {@code org.openlsa.krb5.der} (raw TLVs are read and written with core's {@code org.openlsa.core.der}). No
 * cryptography: encrypted parts stay {@code EncryptedData} until a caller with the key decrypts them and hands the
 * plaintext back to the codec.
 */
module org.openlsa.krb5 {
    requires transitive org.openlsa.core;
    requires org.bouncycastle.provider;
    exports org.openlsa.krb5;
    // The DER codecs of the messages: for the KDC, its client and the Kerberos package (and the daemon's tests, which
    // read the KDC's replies); everyone else sees messages, not their encoding.
    exports org.openlsa.krb5.der to
            org.openlsa.kdc.client,
            org.openlsa.kdc,
            org.openlsa.pkinit,
            org.openlsa.kerberos,
            org.openlsa.daemon;
}
