/** Harnesses for independent peers (Samba, impacket) that tests and benchmarks compare OpenLSA against. */
module org.openlsa.peers {
    exports org.openlsa.peers;
}
