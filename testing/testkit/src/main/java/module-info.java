/**
 * Test support shared by every shape of the LSA: the test realm and the engine over it ({@link
 * org.openlsa.testkit.TestRealm}, {@link org.openlsa.testkit.RealmEngine}), a clock tests move by hand, NTLM client
 * responses. Their LSA comes from the composition root ({@code org.openlsa.host}). The conformance suites are in the test tree, published as a test-jar. Not shipped to users.
 */
module org.openlsa.testkit {
    requires transitive org.openlsa.msv1_0;
    requires transitive org.openlsa.host; // the realm's LSA comes from the composition root
    exports org.openlsa.testkit;
}
