/** The {@code lsa} command line. */
module org.openlsa.cli {
    requires org.openlsa.msv1_0;
    requires org.openlsa.kerberos;
    requires org.openlsa.store.sqlite;
    requires org.openlsa.daemon;
    requires org.openlsa.client;
    requires org.openlsa.krb5.files;
    requires info.picocli;
    requires com.fasterxml.jackson.core;
    opens org.openlsa.cli to info.picocli;
}
