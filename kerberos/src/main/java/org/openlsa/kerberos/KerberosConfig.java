package org.openlsa.kerberos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the Kerberos package finds its realms.
 *
 * <ul>
 *   <li>The account database's own realm (the embedded one) is served by the KDC of this process, over the same
 *       store, which the package is given ({@link KerberosPackage#KerberosPackage(KerberosConfig,
 *       org.openlsa.kdc.protocol.EmbeddedKdc)}), unless {@code krb5.conf} lists KDCs for it.</li>
 *   <li>Any other realm is reached through the {@code kdc} lines of {@code krb5.conf}, in order, with failover.
 *       Tickets from such a KDC are trusted only once a service ticket for this host, decrypted with a key of
 *       {@code keytab}, proves the KDC knows this host's key (a spoofed KDC cannot make one).</li>
 * </ul>
 *
 * @param conf the krb5.conf ({@link Krb5Conf#empty()} for the embedded realm alone)
 * @param keytab this host's keytab, for verifying tickets from external KDCs
 */
public record KerberosConfig(Krb5Conf conf, Optional<Path> keytab) {
    /** The file {@link #load} reads in a state directory. */
    public static final String CONF_FILE_NAME = "krb5.conf";
    /** The keytab {@link #load} uses when krb5.conf names none. */
    public static final String KEYTAB_FILE_NAME = "krb5.keytab";

    public KerberosConfig {
        Objects.requireNonNull(conf, "conf");
        Objects.requireNonNull(keytab, "keytab");
    }

    /** The embedded realm only. */
    public static KerberosConfig embedded() {
        return new KerberosConfig(Krb5Conf.empty(), Optional.empty());
    }

    /**
     * The configuration of a state directory: {@code <state>/krb5.conf} when it exists (else the embedded realm
     * alone), and the keytab it names in {@code default_keytab_name}, else {@code <state>/krb5.keytab}.
     *
     * @throws IOException when krb5.conf exists but cannot be read or parsed
     */
    public static KerberosConfig load(Path stateDirectory) throws IOException {
        Path file = stateDirectory.resolve(CONF_FILE_NAME);
        Krb5Conf conf = Files.exists(file) ? Krb5Conf.parse(file) : Krb5Conf.empty();
        Optional<Path> keytab = conf.defaultKeytab().or(() -> Optional.of(stateDirectory.resolve(KEYTAB_FILE_NAME)));
        return new KerberosConfig(conf, keytab);
    }
}
