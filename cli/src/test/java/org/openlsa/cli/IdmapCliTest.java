package org.openlsa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.cli.InProcessCli.Run;

/** {@code lsa idmap}: the ranges, both directions, JSON, and the refusals with their exit codes (docs/idmap.md). */
class IdmapCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    Path state;
    String alice;

    private Run lsa(String... args) {
        return InProcessCli.lsa(state, args);
    }

    private Run ok(String... args) {
        Run r = lsa(args);
        assertEquals(0, r.exit(), String.join(" ", args) + ": " + r.err());
        return r;
    }

    @BeforeEach
    void init() throws Exception {
        state = tmp.resolve("state");
        Path pw = tmp.resolve("pw.txt");
        Files.writeString(pw, "Adm1n-Passw0rd!\n");
        ok("init", "--domain", "CONTOSO", "--machine", "HOST1", "--password-file", pw.toString());
        ok("user", "add", "alice", "--no-password");
        alice = JSON.readTree(ok("user", "show", "alice", "--json").out()).get("sid").asText();
        assertTrue(alice.endsWith("-1000"), alice);
    }

    @Test
    void aloneItListsTheRanges() throws Exception {
        Run text = ok("idmap");
        assertTrue(text.out().contains("range 200000-2000199999, 10000 slices of 200000 ids (defaults)"), text.out());
        String domainSid = alice.substring(0, alice.lastIndexOf('-'));
        assertTrue(text.out().contains("400000-599999  CONTOSO (" + domainSid + ")"), text.out());
        JsonNode j = JSON.readTree(ok("idmap", "--json").out());
        assertEquals(200000, j.get("low").asLong());
        assertEquals(2000199999L, j.get("high").asLong());
        assertEquals(200000, j.get("sliceSize").asLong());
        assertEquals("well-known", j.get("slices").get(0).get("kind").asText());
        assertEquals(domainSid, j.get("slices").get(1).get("domainSid").asText());
        assertEquals(9998, j.get("slices").get(2).get("slices").asLong());
    }

    @Test
    void bothDirections() throws Exception {
        assertEquals(alice + " CONTOSO\\alice -> uid 401000 (algorithmic)", ok("idmap", "sid", alice).out().strip());
        assertEquals(alice + " CONTOSO\\alice -> gid 401000 (algorithmic)",
                ok("idmap", "sid", alice, "--group").out().strip());
        JsonNode back = JSON.readTree(ok("idmap", "uid", "401000", "--json").out());
        assertEquals(alice, back.get("sid").asText());
        assertEquals("CONTOSO\\alice", back.get("name").asText());
        assertEquals("uid", back.get("kind").asText());
        assertEquals(401000, back.get("id").asLong());
        assertEquals("algorithmic", back.get("source").asText());

        JsonNode admins = JSON.readTree(ok("idmap", "--json", "sid", "S-1-5-32-544", "--group").out());
        assertEquals(200544, admins.get("id").asLong());
        assertEquals("BUILTIN\\Administrators", admins.get("name").asText());
        assertEquals("well-known", admins.get("source").asText());
        assertEquals("S-1-5-18 NT AUTHORITY\\SYSTEM -> uid 0 (well-known)", ok("idmap", "uid", "0").out().strip());
        String nogroup = org.openlsa.idmap.UnixAccounts.nameOfGid(65534).orElseThrow(); // nogroup on Debian
        assertEquals("S-1-22-2-65534 " + nogroup + " -> gid 65534 (unix-sid)", ok("idmap", "gid", "65534").out().strip());
    }

    @Test
    void aLinkedAccountShowsItsUnixUid() throws Exception {
        ok("user", "set", "alice", "--uid", "65534");
        assertEquals(alice + " CONTOSO\\alice -> uid 65534 (linked)", ok("idmap", "sid", alice).out().strip());
        assertEquals(alice, JSON.readTree(ok("idmap", "uid", "65534", "--json").out()).get("sid").asText());
    }

    @Test
    void refusalsExitFiveWithTheirReason() throws Exception {
        Run logon = lsa("idmap", "sid", "S-1-5-5-0-999", "--group");
        assertEquals(ExitCode.LSA_STATUS, logon.exit());
        assertTrue(logon.err().contains("not a principal") && logon.err().contains("STATUS_NONE_MAPPED"), logon.err());
        Run bad = lsa("idmap", "sid", "S-1-x");
        assertEquals(ExitCode.USAGE, bad.exit(), bad.err());

        // A range that puts alice (RID 1000) on nobody's uid: refused, never shared.
        Files.writeString(state.resolve("idmap.properties"), "range.low=1000\nrange.high=128067\nslice.size=63534\n");
        assertTrue(ok("idmap").out().contains("range 1000-128067, 2 slices of 63534 ids (" + state.resolve("idmap.properties")),
                ok("idmap").out());
        Run collision = lsa("idmap", "sid", alice);
        assertEquals(ExitCode.LSA_STATUS, collision.exit());
        assertTrue(collision.err().contains("uid 65534, which belongs to the local user 'nobody'")
                && collision.err().contains("STATUS_OBJECT_NAME_COLLISION"), collision.err());

        Files.writeString(state.resolve("idmap.properties"), "range.low=0\n");
        Run broken = lsa("idmap");
        assertEquals(ExitCode.USAGE, broken.exit());
        assertTrue(broken.err().contains("idmap.properties"), broken.err());
    }
}
