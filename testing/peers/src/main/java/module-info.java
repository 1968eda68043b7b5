/**
 * Harnesses for independent peers (Samba, impacket, MIT krb5, python3-gssapi, the JDK's own Kerberos) that tests
 * and benchmarks compare OpenLSA against.
 */
module org.openlsa.peers {
    // JdkKerberosMain, run in a child JVM, uses the JDK's public Kerberos APIs: JGSS and javax.security.auth
    // .kerberos (java.security.jgss), Krb5LoginModule (jdk.security.auth), ExtendedGSSContext (jdk.security.jgss).
    requires java.security.jgss;
    requires jdk.security.auth;
    requires jdk.security.jgss;
    // PkinitCertificates builds X.509 certificates and writes PEM with Bouncy Castle's PKIX library; signing and
    // parsing stay with the JDK's providers.
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.provider;

    exports org.openlsa.peers;
}
