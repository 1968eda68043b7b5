/**
 * The KCM credential cache service (docs/kcm.md): the protocol MIT krb5 and Heimdal clients speak to a cache server
 * over a Unix socket ({@code KRB5CCNAME=KCM:}), the per-uid caches and the view of each logon session's own tickets.
 * Pure: the daemon owns the socket and tells {@link org.openlsa.kcm.KcmService} who the peer is.
 */
module org.openlsa.kcm {
    requires transitive org.openlsa.krb5.files;
    requires org.openlsa.core;
    exports org.openlsa.kcm;
}
