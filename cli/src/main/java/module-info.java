/** The {@code lsa} command line. */
module org.openlsa.cli {
    requires org.openlsa.msv1_0;
    requires org.openlsa.kerberos;
    requires org.openlsa.kdc;
    requires org.openlsa.store.sqlite;
    requires org.openlsa.daemon;
    requires org.openlsa.client;
    requires org.openlsa.krb5.files;
    requires info.picocli;
    requires com.fasterxml.jackson.core;
    requires jdk.security.auth; // UnixSystem: this process's uid, to refuse serving another user's directory
    opens org.openlsa.cli to info.picocli;
}
