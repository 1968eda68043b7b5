/**
 * The OpenLSA daemon: {@link org.openlsa.daemon.LsaDaemon} serves an LSA engine over a Unix domain socket speaking
 * the protocol of docs/ipc.md; with it, the single-daemon lock on a state directory, the socket it publishes, the
 * kernel-reported identity of whoever connects, and the network service of the embedded KDC it runs beside the socket
 * (docs/kdc.md). The LSA itself (store, packages, KDC, audit) comes from {@code org.openlsa.host}. Account lookups
 * call the C library through the FFM API ({@code org.openlsa.idmap}'s UnixAccounts), so the JVM must run with
 * {@code --enable-native-access=org.openlsa.idmap} (on the class path: {@code ALL-UNNAMED}).
 */
module org.openlsa.daemon {
    requires transitive org.openlsa.engine;
    requires transitive org.openlsa.host; // Lsad wires its LSA through the host; StateException is in its API
    requires org.openlsa.ipc;
    requires org.openlsa.idmap; // UnixAccounts: the uid and gid behind a peer's reported names
    requires org.openlsa.kdc;
    requires org.openlsa.kcm; // the KCM credential cache service (docs/kcm.md)
    requires org.openlsa.kerberos; // the KERB_* calls that read logon sessions' tickets for it
    requires transitive java.logging; // DaemonLog (its API takes a Level): one line per record, a settable level
    requires jdk.net;
    requires jdk.unsupported; // sun.misc.Signal: SIGTERM must end in exit status 0 after a clean shutdown
    exports org.openlsa.daemon;
}
