package org.openlsa.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.core.TokenSource;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.crypto.kerberos.EncryptionType;
import org.openlsa.crypto.kerberos.KerberosCrypto;
import org.openlsa.crypto.kerberos.KerberosKey;
import org.openlsa.engine.LogonRequest;
import org.openlsa.engine.LogonResult;
import org.openlsa.engine.LsaConnection;
import org.openlsa.host.LsaHost;
import org.openlsa.host.StateException;
import org.openlsa.host.StateLayout;
import org.openlsa.kerberos.KerbInteractiveLogonCodec;
import org.openlsa.kerberos.KerberosPackage;
import org.openlsa.engine.spi.logon.InteractiveLogon;
import org.openlsa.sam.DomainInfo;
import org.openlsa.sam.KerberosKeys;
import org.openlsa.testkit.TestRealm;

/**
 * The embedded realm of the Kerberos logon measurements (JMH's {@link KerberosLogonBenchmark} and
 * {@link KerberosLogonRatio}): a provisioned state directory with one user, its LSA ({@link LsaHost}) with the
 * Kerberos package alone (and the realm's KDC in this process), one trusted connection, and the two operations
 * compared: a whole logon and the string-to-key it cannot avoid. Closing it closes everything and deletes the
 * directory.
 */
final class KerberosBenchRealm implements AutoCloseable {
    static final String USER = "kerbbench";

    private final Path directory;
    private final LsaHost host;
    private final LsaConnection connection;
    private final LogonRequest request;
    private final SecretBytes utf8Password = SecretBytes.adopt(BenchRealm.PASSWORD.getBytes(StandardCharsets.UTF_8));
    // The salt the embedded KDC uses for the user: RFC 4120's default, realm then name.
    private final byte[] salt = KerberosKeys.defaultSalt(DomainInfo.defaultRealm(TestRealm.DOMAIN), List.of(USER));

    private KerberosBenchRealm(Path directory, LsaHost host, LsaConnection connection, LogonRequest request) {
        this.directory = directory;
        this.host = host;
        this.connection = connection;
        this.request = request;
    }

    /** {@code storage}: "disk" or "tmpfs", as {@link BenchRealm#parentFor}. */
    static KerberosBenchRealm open(String storage) throws LsaException, IOException, StateException {
        Path directory = Files.createTempDirectory(BenchRealm.parentFor(storage), "openlsa-krb-bench-");
        LsaHost host = null;
        try {
            Instant now = Instant.now();
            host = LsaHost.open(TestRealm.provision(StateLayout.of(directory), now),
                    BenchRealm.options().withPackages(LsaHost.PackageKind.KERBEROS));
            TestRealm.addUser(host.store(), USER, BenchRealm.PASSWORD, now);
            LsaConnection connection = host.engine().registerLogonProcess(host.engine().systemToken(), "bench");
            LogonRequest request = new LogonRequest("bench", SecurityLogonType.INTERACTIVE,
                    connection.lookupAuthenticationPackage(KerberosPackage.NAME), logonBuffer(), Optional.empty(),
                    new TokenSource("OpenLSA", new Luid(78)));
            return new KerberosBenchRealm(directory, host, connection, request);
        } catch (LsaException | StateException | IOException | RuntimeException e) {
            if (host != null) {
                host.close();
            }
            BenchRealm.deleteTree(directory);
            throw e;
        }
    }

    /** The structure as a plain array: the benchmark's request is reused for every logon (a benchmark password). */
    private static byte[] logonBuffer() {
        try (SecretBytes pw = TestRealm.utf16(BenchRealm.PASSWORD);
             SecretBytes encoded = KerbInteractiveLogonCodec.encode(new InteractiveLogon(TestRealm.DOMAIN, USER, pw,
                     Optional.empty()))) {
            return encoded.copyBytes();
        }
    }

    /**
     * LsaLogonUser with KERB_INTERACTIVE_LOGON and the right password, then CloseHandle(token) and
     * LsaFreeReturnBuffer(profile): one logon session opened and ended. Returns the LUID so nothing is dead code.
     */
    long logon() throws LsaException {
        LogonResult result = connection.logonUser(request);
        connection.closeHandle(result.token());
        connection.freeReturnBuffer(result.profileBuffer());
        return result.logonId().value();
    }

    /** The client's AES256 string-to-key (PBKDF2-HMAC-SHA1, 4096 iterations) of the same password and salt. */
    int stringToKey() {
        try (KerberosKey key = KerberosCrypto.stringToKey(EncryptionType.AES256_CTS_HMAC_SHA1_96, utf8Password, salt,
                null)) {
            return key.type().id();
        }
    }

    @Override
    public void close() {
        utf8Password.close();
        connection.close();
        host.close();
        BenchRealm.deleteTree(directory);
    }
}
