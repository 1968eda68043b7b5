/**
 * The client library: {@link org.openlsa.client.LsaClient} implements the same {@link org.openlsa.engine.Lsa} API as
 * the in-process engine, over the daemon's socket (docs/ipc.md).
 */
module org.openlsa.client {
    requires transitive org.openlsa.engine;
    requires org.openlsa.ipc;
    requires transitive org.openlsa.idmap; // ClientConnection.mapIds speaks IdQuery and IdMapReport
    exports org.openlsa.client;
}
