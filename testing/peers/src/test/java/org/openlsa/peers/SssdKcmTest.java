package org.openlsa.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * sssd-kcm private to a temp dir, driven by MIT's tools through {@link KcmClientScript}: two instances keep apart
 * caches, nothing lands in the host's /var/lib/sss, and close() removes everything.
 */
class SssdKcmTest {
    private static final String ALICE_PASSWORD = "alice pass 1";
    private static MitKdc kdc;

    @BeforeAll
    static void startRealm() throws PeerException {
        kdc = MitKdc.start();
        kdc.addPrincipal("alice", ALICE_PASSWORD);
    }

    @AfterAll
    static void stopRealm() {
        if (kdc != null) {
            kdc.close();
        }
    }

    @Test
    void twoPrivateServersKeepTheirOwnCachesAndLeaveNothingBehind() throws PeerException {
        Path hostSecrets = Path.of("/var/lib/sss/secrets/secrets.ldb");
        boolean hostSecretsBefore = Files.exists(hostSecrets);
        UnixIdentity root = UnixIdentity.root();
        Path directory;
        try (SssdKcm one = SssdKcm.start(); SssdKcm two = SssdKcm.start();
             KcmClientScript first = KcmClientScript.create(one.socket(), kdc.realm(), kdc.host(), kdc.port());
             KcmClientScript second = KcmClientScript.create(two.socket(), kdc.realm(), kdc.host(), kdc.port())) {
            directory = one.socket().getParent();
            assertTrue(Files.exists(directory.resolve("sss/secrets/secrets.ldb")), "the caches live in the temp dir");
            KcmStep kinit = first.kinit(root, ALICE_PASSWORD, "alice");
            assertTrue(kinit.succeeded(), kinit::describe);
            KcmStep klist = first.run(root, "klist");
            assertTrue(klist.stdout().startsWith("Ticket cache: KCM:0\nDefault principal: alice@TEST.LOCAL\n"),
                    klist::describe);
            KcmStep other = second.run(root, "klist");
            assertEquals(1, other.exitCode(), other::describe);
            assertEquals("klist: Credentials cache 'KCM:0' not found\n", other.stderr());
            // MIT's kinit puts a second principal in a new cache whose name the server makes up.
            KcmStep kinitNew = first.kinit(root, ALICE_PASSWORD, "-c", "KCM:0:mine", "alice");
            assertTrue(kinitNew.succeeded(), kinitNew::describe);
            assertTrue(first.normalisedTranscript().contains("[root] kinit -c KCM:<root>:mine alice\nexit 0\n"),
                    first.normalisedTranscript());
            assertTrue(first.normalisedTranscript().contains("stdout: <time>  <time>  krbtgt/TEST.LOCAL@TEST.LOCAL"),
                    first.normalisedTranscript());
            assertTrue(one.log().contains("Starting with debug level"), one.log());
        }
        assertFalse(Files.exists(directory), "close() removes the directory");
        assertEquals(hostSecretsBefore, Files.exists(hostSecrets), "the host's /var/lib/sss was not touched");
    }
}
