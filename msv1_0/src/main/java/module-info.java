/**
 * The MSV1_0 authentication package ("MICROSOFT_AUTHENTICATION_PACKAGE_V1_0", alias "MSV1_0") and the codecs of its
 * structures in the serialized 64-bit layout (docs/msv1_0-structures.md).
 */
module org.openlsa.msv1_0 {
    requires transitive org.openlsa.engine;
    exports org.openlsa.msv1_0;
    uses org.openlsa.msv1_0.SubAuthConfiguration.Factory;
}
