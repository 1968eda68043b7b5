package org.openlsa.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
import org.openlsa.engine.LsaEngine;
import org.openlsa.kerberos.KerbInteractiveLogonCodec;
import org.openlsa.kerberos.KerberosPackage;
import org.openlsa.msv1_0.Msv1_0InteractiveLogon;
import org.openlsa.sam.DomainInfo;
import org.openlsa.sam.KerberosKeys;
import org.openlsa.store.sqlite.SqliteAccountStore;
import org.openlsa.testkit.TestRealm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Kerberos interactive logons per second in-process against the embedded KDC (issue 6's goal: at most 1.2x the
 * cost of the password's string-to-key alone). One operation is LsaLogonUser with KERB_INTERACTIVE_LOGON (the AS
 * exchange with pre-authentication, the TGT's decryption and PAC checks, the token), then CloseHandle and
 * LsaFreeReturnBuffer. {@link #stringToKeyAlone} is the floor: the client's AES256 string-to-key (PBKDF2-HMAC-SHA1,
 * 4096 iterations) of the same password and salt, which the logon computes exactly once.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class KerberosLogonBenchmark {
    private static final String USER = "kerbbench";

    @State(Scope.Benchmark)
    public static class Realm {
        @Param({"disk", "tmpfs"})
        public String storage;

        Path directory;
        SqliteAccountStore store;
        LsaEngine engine;
        LsaConnection connection;
        LogonRequest request;

        @Setup(Level.Trial)
        public void open() throws LsaException, IOException {
            directory = Files.createTempDirectory(BenchRealm.parentFor(storage), "openlsa-krb-bench-");
            store = SqliteAccountStore.open(directory.resolve("accounts.db"));
            Instant now = Instant.now();
            TestRealm.provision(store, now);
            TestRealm.addUser(store, USER, BenchRealm.PASSWORD, now);
            engine = LsaEngine.builder(store).addPackage(new KerberosPackage())
                    .limits(Long.MAX_VALUE / 2, Integer.MAX_VALUE, Integer.MAX_VALUE).build();
            connection = engine.registerLogonProcess(engine.systemToken(), "bench");
            request = new LogonRequest("bench", SecurityLogonType.INTERACTIVE,
                    connection.lookupAuthenticationPackage(KerberosPackage.NAME),
                    kerberosLogon(TestRealm.DOMAIN, USER, BenchRealm.PASSWORD), Optional.empty(),
                    new TokenSource("OpenLSA", new Luid(78)));
        }

        @TearDown(Level.Trial)
        public void close() {
            connection.close();
            engine.close();
            store.close();
            BenchRealm.deleteTree(directory);
        }
    }

    private static byte[] kerberosLogon(String domain, String user, String password) {
        try (SecretBytes pw = TestRealm.utf16(password)) {
            return KerbInteractiveLogonCodec.encode(new Msv1_0InteractiveLogon(domain, user, pw, Optional.empty()));
        }
    }

    @State(Scope.Benchmark)
    public static class Password {
        final SecretBytes utf8 = SecretBytes.adopt(BenchRealm.PASSWORD.getBytes(StandardCharsets.UTF_8));
        byte[] salt;

        @Setup(Level.Trial)
        public void salt() {
            // The salt the embedded KDC announces for the user: RFC 4120's default, realm then name.
            salt = KerberosKeys.defaultSalt(DomainInfo.defaultRealm(TestRealm.DOMAIN), java.util.List.of(USER));
        }

        @TearDown(Level.Trial)
        public void wipe() {
            utf8.close();
        }
    }

    @Benchmark
    public long kerberosLogon(Realm realm) throws LsaException {
        LogonResult result = realm.connection.logonUser(realm.request);
        realm.connection.closeHandle(result.token());
        realm.connection.freeReturnBuffer(result.profileBuffer());
        return result.logonId().value();
    }

    @Benchmark
    public int stringToKeyAlone(Password password) {
        try (KerberosKey key = KerberosCrypto.stringToKey(EncryptionType.AES256_CTS_HMAC_SHA1_96, password.utf8,
                password.salt, null)) {
            return key.type().id();
        }
    }
}
