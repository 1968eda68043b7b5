/**
 * The composition root of OpenLSA: {@link org.openlsa.host.StateLayout} owns the state directory (every file name in
 * it, and the checks that it is safe to use), {@link org.openlsa.host.AccountStores} finds the account store through
 * the store SPI, and {@link org.openlsa.host.LsaHost} wires one LSA from a state directory: store, audit log, the
 * realm's one KDC, the MSV1_0 and Kerberos packages and the engine, closed in the reverse order. The daemon, the
 * in-process CLI, the test kit and the benchmarks all start their LSA here.
 */
module org.openlsa.host {
    requires transitive org.openlsa.engine;
    requires transitive org.openlsa.kdc; // LsaHost.kdc(): the realm's KDC, which the daemon also serves on the network
    requires org.openlsa.msv1_0;
    requires org.openlsa.kerberos;
    requires transitive org.openlsa.krb5.files; // LogonSessionTickets hands out ccache credentials
    requires jdk.security.auth; // UnixSystem: this process's uid, to refuse a state directory another user could change
    exports org.openlsa.host;
    uses org.openlsa.sam.spi.AccountStoreProvider;
}
