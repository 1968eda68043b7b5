/**
 * The OpenLSA daemon: {@link org.openlsa.daemon.LsaDaemon} serves an LSA engine over a Unix domain socket speaking
 * the protocol of docs/ipc.md; with it, the single-daemon lock on a state directory, the socket it publishes, the
 * kernel-reported identity of whoever connects, and the embedded KDC it runs beside the socket (docs/kdc.md). Account lookups call the C library through
 * the FFM API, so the JVM must run with {@code --enable-native-access=org.openlsa.daemon} (on the class path:
 * {@code ALL-UNNAMED}).
 */
module org.openlsa.daemon {
    requires transitive org.openlsa.engine;
    requires org.openlsa.ipc;
    requires org.openlsa.msv1_0;
    requires org.openlsa.kerberos;
    requires org.openlsa.store.sqlite;
    requires org.openlsa.kdc;
    requires transitive java.logging; // DaemonLog (its API takes a Level): one line per record, a settable level
    requires jdk.net;
    requires jdk.unsupported; // sun.misc.Signal: SIGTERM must end in exit status 0 after a clean shutdown
    exports org.openlsa.daemon;
}
