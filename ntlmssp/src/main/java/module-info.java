/**
 * NTLMSSP (MS-NLMP 2.2) and SPNEGO (RFC 4178): the message codecs, the session-key arithmetic, and an acceptor a
 * server drives message by message that ends in an MSV1_0 network logon and a token handle.
 */
module org.openlsa.ntlmssp {
    requires transitive org.openlsa.msv1_0;
    requires transitive org.openlsa.crypto;
    requires org.bouncycastle.provider;
    exports org.openlsa.ntlmssp;
}
