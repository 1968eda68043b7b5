/**
 * The {@code lsa} command line. Its in-process LSA and its account store come from {@code org.openlsa.host}, which
 * finds the store through the store SPI: no command names a store's implementation.
 */
module org.openlsa.cli {
    requires org.openlsa.msv1_0;
    requires org.openlsa.kerberos;
    requires org.openlsa.host;
    requires org.openlsa.daemon;
    requires org.openlsa.client;
    requires org.openlsa.krb5.files;
    requires org.openlsa.idmap; // lsa idmap
    requires org.bouncycastle.pkix; // lsa pkinit: certificate building (X509v3CertificateBuilder, ASN.1 SANs)
    requires org.bouncycastle.provider;
    requires org.bouncycastle.util;
    requires info.picocli;
    requires com.fasterxml.jackson.core;
    requires jdk.unsupported; // sun.misc.Signal: lsa runas passes SIGINT, SIGTERM and SIGHUP on to its program
    opens org.openlsa.cli to info.picocli;
}
