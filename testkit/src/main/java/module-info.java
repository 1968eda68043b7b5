/**
 * Test support shared by every shape of the LSA: the conformance suite ({@link org.openlsa.testkit.LsaConformanceSuite})
 * and the realm fixtures it needs, whose LSA comes from the composition root ({@code org.openlsa.host}). Not shipped
 * to users.
 */
module org.openlsa.testkit {
    requires transitive org.openlsa.msv1_0;
    requires transitive org.openlsa.host;
    requires transitive org.junit.jupiter.api;
    exports org.openlsa.testkit;
    opens org.openlsa.testkit to org.junit.platform.commons;
}
