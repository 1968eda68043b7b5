/**
 * The OpenLSA IPC protocol (docs/ipc.md), declared in one place: hellos and constants ({@code Protocol}), framing
 * ({@code FrameReader}/{@code FrameWriter}) and the request and response codecs ({@code Requests}/{@code Responses}).
 */
module org.openlsa.ipc {
    requires transitive org.openlsa.engine;
    requires transitive org.openlsa.idmap; // MAP_IDS carries IdQuery and IdMapReport
    // The daemon protocol's frames are its two ends' business: callers use the Lsa API through the client.
    exports org.openlsa.ipc to
            org.openlsa.client,
            org.openlsa.daemon;
}
