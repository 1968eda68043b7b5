package org.openlsa.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openlsa.core.LsaException;
import org.openlsa.crypto.NtOwf;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.engine.LogonResult;
import org.openlsa.engine.LsaConnection;
import org.openlsa.engine.LogonRequest;
import org.openlsa.msv1_0.Msv1_0Package;
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
import org.openjdk.jmh.annotations.Threads;

/**
 * MSV1_0 interactive logons per second through the in-process engine: LsaLogonUser, then CloseHandle on the token
 * and LsaFreeReturnBuffer on the profile, so every operation opens and ends one logon session. Each logon commits the
 * logon counters to SQLite (synchronous=FULL); {@code storage=tmpfs} puts the database on /dev/shm, where fsync is
 * free, to separate that cost from CPU work. {@link #ntOwfAlone} is the crypto floor of a logon: NTOWFv1 of the
 * password, which MSV1_0 must compute once per logon.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class Msv1_0LogonBenchmark {
    /** Enough users that every benchmark thread logs on as its own. */
    private static final int USERS = 4;

    @State(Scope.Benchmark)
    public static class Realm {
        @Param({"disk", "tmpfs"})
        public String storage;

        BenchRealm realm;
        final AtomicInteger nextUser = new AtomicInteger();

        @Setup(Level.Trial)
        public void open() throws Exception {
            realm = BenchRealm.open(BenchRealm.parentFor(storage), USERS);
        }

        @TearDown(Level.Trial)
        public void close() {
            realm.close();
        }
    }

    /** One trusted connection (LsaRegisterLogonProcess) per benchmark thread, logging on as its own user. */
    @State(Scope.Thread)
    public static class Caller {
        LsaConnection connection;
        LogonRequest request;

        @Setup(Level.Trial)
        public void connect(Realm realm) throws LsaException {
            connection = realm.realm.engine.registerLogonProcess(realm.realm.engine.systemToken(), "bench");
            int msv = connection.lookupAuthenticationPackage(Msv1_0Package.ALIAS);
            request = BenchRealm.interactiveRequest(msv, realm.nextUser.getAndIncrement() % USERS);
        }

        @TearDown(Level.Trial)
        public void disconnect() {
            connection.close();
        }
    }

    @State(Scope.Thread)
    public static class Password {
        SecretBytes utf16 = SecretBytes.adopt(BenchRealm.PASSWORD.getBytes(StandardCharsets.UTF_16LE));

        @TearDown(Level.Trial)
        public void wipe() {
            utf16.close();
        }
    }

    @Benchmark
    @Threads(1)
    public long logon1Thread(Caller caller) throws LsaException {
        return logonAndEnd(caller);
    }

    @Benchmark
    @Threads(2)
    public long logon2Threads(Caller caller) throws LsaException {
        return logonAndEnd(caller);
    }

    @Benchmark
    @Threads(1)
    public byte[] ntOwfAlone(Password password) {
        try (SecretBytes hash = NtOwf.ntOwfV1(password.utf16)) {
            return hash.copyBytes();
        }
    }

    private static long logonAndEnd(Caller caller) throws LsaException {
        LogonResult result = caller.connection.logonUser(caller.request);
        caller.connection.closeHandle(result.token());
        caller.connection.freeReturnBuffer(result.profileBuffer());
        return result.logonId().value();
    }
}
