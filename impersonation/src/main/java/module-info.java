/**
 * Impersonation in the JVM (docs/impersonation.md): ImpersonateLoggedOnUser and RevertToSelf as a
 * {@link java.lang.ScopedValue} binding that holds on virtual threads and in structured concurrency, and its bridge
 * to JAAS, so that JGSS and SPNEGO clients inside the scope act as the client with its logon session's TGT.
 */
module org.openlsa.impersonation {
    requires transitive org.openlsa.engine; // LsaConnection, TokenHandle and AccessToken in the API
    requires org.openlsa.kerberos; // the KERB_* ticket cache messages that fetch the session's TGT
    requires transitive java.security.jgss; // KerberosPrincipal and KerberosTicket in the bridged Subject
    exports org.openlsa.impersonation;
}
