package org.openlsa.bench;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openlsa.core.LsaException;
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
 * Kerberos interactive logons per second in-process against the embedded KDC, and the password's string-to-key alone
 * (the operations of {@link KerberosBenchRealm}). JMH runs the two in separate forks one after the other, so on a
 * shared machine their ratio carries the load drift between the forks; {@link KerberosLogonRatio} measures the ratio
 * of issue 6's goal with both interleaved in one JVM. These are the absolute rates.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class KerberosLogonBenchmark {
    @State(Scope.Benchmark)
    public static class Realm {
        @Param({"disk", "tmpfs"})
        public String storage;

        KerberosBenchRealm realm;

        @Setup(Level.Trial)
        public void open() throws LsaException, IOException, org.openlsa.host.StateException {
            realm = KerberosBenchRealm.open(storage);
        }

        @TearDown(Level.Trial)
        public void close() {
            realm.close();
        }
    }

    @State(Scope.Benchmark)
    public static class Password {
        KerberosBenchRealm realm;

        @Setup(Level.Trial)
        public void open() throws LsaException, IOException, org.openlsa.host.StateException {
            realm = KerberosBenchRealm.open("tmpfs");
        }

        @TearDown(Level.Trial)
        public void close() {
            realm.close();
        }
    }

    @Benchmark
    public long kerberosLogon(Realm realm) throws LsaException {
        return realm.realm.logon();
    }

    @Benchmark
    public int stringToKeyAlone(Password password) {
        return password.realm.stringToKey();
    }
}
