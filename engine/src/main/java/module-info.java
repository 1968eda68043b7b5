/**
 * The LSA engine. {@code org.openlsa.engine} is the API callers use (the same interface the client library will
 * implement over the daemon's socket); {@code org.openlsa.engine.spi} is what authentication packages implement.
 */
module org.openlsa.engine {
    requires transitive org.openlsa.sam;
    requires transitive org.openlsa.launch; // ProcessSpec and ExitStatus in CreateProcessAsUser's API
    requires com.fasterxml.jackson.core;
    exports org.openlsa.engine;
    exports org.openlsa.engine.spi;
    exports org.openlsa.engine.spi.logon;
}
