package org.openlsa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.core.NtStatus;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.engine.CallPackageResult;
import org.openlsa.engine.spi.logon.ChangePasswordRequest;
import org.openlsa.msv1_0.Msv1_0Package;
import org.openlsa.msv1_0.Msv1_0ProtocolMessageType;

/**
 * Password changes and administration reach the state directory's audit.jsonl with their Windows event ids: 4723
 * (MSV1_0 ChangePassword), 4724 ({@code lsa user passwd}), 4738 ({@code lsa user set}), 4767 ({@code lsa user
 * unlock}). The KDC's events (4771, 4740, kpasswd's 4723) are in KdcEndToEndTest, against MIT kinit.
 */
class SecurityAuditTest {
    private static final String ALICE_PW = "S3cret-Passw0rd";

    @TempDir
    Path tmp;
    Path state;

    private int lsa(String... args) {
        List<String> all = new ArrayList<>(List.of("--state", state.toString()));
        all.addAll(List.of(args));
        StringWriter err = new StringWriter();
        int exit = Main.run(all.toArray(String[]::new), new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(0, exit, String.join(" ", args) + ": " + err);
        return exit;
    }

    private Path passwordFile(String pw) throws Exception {
        Path f = Files.createTempFile(tmp, "pw", ".txt");
        Files.writeString(f, pw + "\n");
        return f;
    }

    private List<JsonNode> events(int eventId) throws Exception {
        ObjectMapper m = new ObjectMapper();
        List<JsonNode> found = new ArrayList<>();
        for (String line : Files.readAllLines(state.resolve("audit.jsonl"))) {
            JsonNode n = m.readTree(line);
            if (n.path("eventId").asInt() == eventId) {
                found.add(n);
            }
        }
        return found;
    }

    @BeforeEach
    void init() throws Exception {
        state = tmp.resolve("state");
        lsa("init", "--domain", "CONTOSO", "--machine", "HOST1", "--password-file", passwordFile("Adm1n-Passw0rd!").toString());
        lsa("user", "add", "alice", "--password-file", passwordFile(ALICE_PW).toString());
    }

    @Test
    void administrationIsAudited() throws Exception {
        lsa("user", "passwd", "alice", "--password-file", passwordFile("N3w-Passw0rd!").toString());
        JsonNode reset = events(4724).getFirst();
        assertEquals("passwordReset", reset.get("event").asText());
        assertEquals("success", reset.get("outcome").asText());
        assertEquals("alice", reset.get("user").asText());
        assertEquals("CONTOSO", reset.get("domain").asText());
        assertTrue(reset.get("userSid").asText().endsWith("-1000"), reset.toString());
        assertEquals("lsa", reset.get("source").asText());
        assertEquals("uid 0", reset.get("caller").asText(), "these tests run as root");

        lsa("user", "set", "alice", "--full-name", "Alice Example", "--disabled");
        JsonNode changed = events(4738).getFirst();
        assertEquals("accountChange", changed.get("event").asText());
        assertEquals("[\"fullName\",\"flags\"]", changed.get("changed").toString());
        lsa("user", "set", "alice", "--full-name", "Alice Example");
        assertEquals(1, events(4738).size(), "a change that changes nothing is no 4738");

        lsa("user", "unlock", "alice");
        assertEquals("unlock", events(4767).getFirst().get("event").asText());
        String all = Files.readString(state.resolve("audit.jsonl"));
        assertTrue(!all.contains("N3w-Passw0rd!") && !all.contains(ALICE_PW), "no password in the log");
    }

    @Test
    void msv1_0ChangePasswordIsAudited() throws Exception {
        // alice's password was set by an administrator today: the default minimum age (a day) would refuse a change.
        lsa("policy", "set", "--min-password-age", "0");
        try (Realm realm = Realm.open(org.openlsa.host.StateLayout.of(state))) {
            int msv = realm.connection.lookupAuthenticationPackage(Msv1_0Package.NAME);
            for (String old : new String[] {"not-the-old-one", ALICE_PW}) {
                try (ChangePasswordRequest req = new ChangePasswordRequest("CONTOSO", "alice",
                        utf16(old), utf16("N3w-Passw0rd!"), false);
                     SecretBytes submit = req.encode(Msv1_0ProtocolMessageType.CHANGE_PASSWORD.value())) {
                    CallPackageResult r = realm.connection.callAuthenticationPackage(msv, submit);
                    realm.connection.freeReturnBuffer(r.returnBuffer());
                    assertEquals(old.equals(ALICE_PW) ? NtStatus.SUCCESS : NtStatus.WRONG_PASSWORD, r.protocolStatus());
                }
            }
        }
        List<JsonNode> changes = events(4723);
        assertEquals(2, changes.size(), changes.toString());
        assertEquals("failure", changes.get(0).get("outcome").asText());
        assertEquals("STATUS_WRONG_PASSWORD", changes.get(0).get("status").asText());
        assertEquals("success", changes.get(1).get("outcome").asText());
        assertEquals("msv1_0", changes.get(1).get("source").asText());
        assertEquals("alice", changes.get(1).get("user").asText());
    }

    private static SecretBytes utf16(String s) {
        return SecretBytes.adopt(s.getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
    }
}
