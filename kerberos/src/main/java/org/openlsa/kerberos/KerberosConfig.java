package org.openlsa.kerberos;

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
    public KerberosConfig {
        Objects.requireNonNull(conf, "conf");
        Objects.requireNonNull(keytab, "keytab");
    }

    /** The embedded realm only. */
    public static KerberosConfig embedded() {
        return new KerberosConfig(Krb5Conf.empty(), Optional.empty());
    }
}
