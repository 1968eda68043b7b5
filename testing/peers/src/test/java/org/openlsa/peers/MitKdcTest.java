package org.openlsa.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The private MIT realm itself: start-up, workers, clock shift, database accounting switches, clean shutdown. */
class MitKdcTest {
    @Test
    void workersFormOneGroupThatCloseKills() throws Exception {
        Path directory;
        long group;
        try (MitKdc kdc = MitKdc.builder().workers(2).start()) {
            directory = kdc.directory();
            group = kdc.pid();
            kdc.addPrincipal("alice", "alice pw", "+requires_preauth");
            try (MitKrb5Client client = kdc.newClient(KdcTransport.UDP)) {
                ToolResult kinit = client.kinit("alice", "alice pw");
                assertTrue(kinit.succeeded(), kinit::describe);
                assertEquals(Set.of(KdcTransport.UDP), kinit.transportsAnswered(), kinit.trace());
            }
            assertEquals(3, ProcessGroups.runningMembers(group).size(), "the supervisor and two workers");
        }
        assertEquals(List.of(), ProcessGroups.runningMembers(group));
        assertFalse(Files.exists(directory));
    }

    @Test
    void twoRealmsGetDistinctPorts() throws Exception {
        try (MitKdc a = MitKdc.start(); MitKdc b = MitKdc.builder().realm("OTHER.TEST").start()) {
            assertNotEquals(a.port(), b.port());
            assertEquals("OTHER.TEST", b.realm());
        }
    }

    @Test
    void shiftedKdcClockIsSkewOnlyWithoutTimesync() throws Exception {
        try (MitKdc kdc = MitKdc.builder().clockOffset(Duration.ofHours(1)).start()) {
            kdc.addPrincipal("alice", "pw", "+requires_preauth");
            try (MitKrb5Client strict = MitKrb5Client.builder(kdc.realm(), kdc.host(), kdc.port())
                    .libdefault("kdc_timesync", "0").create();
                    MitKrb5Client syncing = kdc.newClient(KdcTransport.TCP)) {
                ToolResult skewed = strict.kinit("alice", "pw");
                assertEquals(1, skewed.exitCode(), skewed::describe);
                assertTrue(skewed.stderr().contains("kinit: Clock skew too great while getting initial credentials"),
                        skewed::describe);

                // The JDK has no time sync: its PA-ENC-TIMESTAMP is refused, with MIT's e-text appended.
                JdkError jdkError = JdkKerberosPeer.using(strict.krb5Conf()).login("alice", "pw").error()
                        .orElseThrow();
                assertEquals("Clock skew too great (37) - PREAUTH_FAILED", jdkError.message());

                assertTrue(syncing.kinit("alice", "pw").succeeded());
                KlistTicket tgt = syncing.klist().tgt().orElseThrow();
                Duration ahead = Duration.between(Instant.now(), tgt.validStarting());
                assertTrue(ahead.compareTo(Duration.ofMinutes(55)) > 0, "ticket starts at the KDC's time: " + ahead);
            }
        }
    }

    @Test
    void lastSuccessAndLockoutAccountingCanBeTurnedOff() throws Exception {
        try (MitKdc recording = MitKdc.start();
                MitKdc quiet = MitKdc.builder().recordLastSuccess(false).recordLockout(false).start()) {
            for (MitKdc kdc : List.of(recording, quiet)) {
                kdc.addLockoutPolicy("lockout", 100000, Duration.ofMinutes(1), Duration.ZERO);
                kdc.addPrincipal("alice", "pw", "+requires_preauth", "-policy", "lockout");
                try (MitKrb5Client client = kdc.newClient(KdcTransport.TCP)) {
                    assertTrue(client.kinit("alice", "pw").succeeded());
                    assertFalse(client.kinit("alice", "wrong").succeeded());
                }
            }
            String recorded = recording.getPrincipal("alice");
            assertTrue(recorded.contains("Policy: lockout"), recorded);
            assertTrue(recorded.contains("Failed password attempts: 1"), recorded);
            assertFalse(recorded.contains("Last successful authentication: [never]"), recorded);
            String notRecorded = quiet.getPrincipal("alice");
            assertTrue(notRecorded.contains("Failed password attempts: 0"), notRecorded);
            assertTrue(notRecorded.contains("Last successful authentication: [never]"), notRecorded);
            assertTrue(notRecorded.contains("Last failed authentication: [never]"), notRecorded);
        }
    }
}
