package org.openlsa.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Start-up options and a clean shutdown: no process, Unix user or file left behind. */
class SambaLifecycleTest {
    @Test
    void closeLeavesNothingBehind() throws Exception {
        String user = "openlsapeer-life";
        Path directory;
        List<ProcessHandle> processes;
        try (SambaNtlmServer server = SambaNtlmServer.start("LIFEPEER", NtlmAuthPolicy.NTLMV2_ONLY)) {
            server.addUser(user, "pw");
            assertEquals("LIFEPEER", server.netbiosName());
            directory = server.directory();
            try (Impacket impacket = Impacket.start(); NtlmAuthHelper helper = server.openHelper()) {
                byte[] challenge = new byte[8];
                Ntlmv2Response response = impacket.ntlmv2Response(user, "pw", "LIFEPEER", challenge,
                        new byte[8], 0, ImpacketTest.MS_NLMP_TARGET_INFO);
                assertTrue(helper.verify(response.toRequest(user, "LIFEPEER", challenge)).authenticated());
            }
            processes = ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().orElse("").contains(directory.toString()))
                    .toList();
            assertFalse(processes.isEmpty(), "winbindd runs with this server's smb.conf");
        }
        for (ProcessHandle process : processes) {
            assertFalse(process.isAlive(), () -> "still running: " + process.info().commandLine());
        }
        assertFalse(Files.exists(directory));
        assertEquals(1, new ProcessBuilder("id", "-u", user).start().waitFor(), "Unix user deleted");
    }

    @Test
    void ntlmAuthDisabledRefusesEverything() throws Exception {
        String user = "openlsapeer-nontlm";
        try (SambaNtlmServer server = SambaNtlmServer.start("NONTLM", NtlmAuthPolicy.DISABLED);
                Impacket impacket = Impacket.start()) {
            server.addUser(user, "pw");
            NtlmAuthHelper helper = server.openHelper();
            byte[] challenge = new byte[8];
            Ntlmv2Response response = impacket.ntlmv2Response(user, "pw", "NONTLM", challenge,
                    new byte[8], 0, ImpacketTest.MS_NLMP_TARGET_INFO);
            SambaVerdict verdict = helper.verify(response.toRequest(user, "NONTLM", challenge));
            assertFalse(verdict.authenticated());
            assertEquals(Optional.empty(), verdict.userSessionKey());
            assertEquals(Optional.of(SambaLogonError.NTLM_BLOCKED), verdict.logonError(), verdict.error());
        }
    }
}
