package org.openlsa.krb5.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.crypto.SecretBytes;

class CredentialCacheFileTest {
    static final Principal ALICE = Principal.of("TEST.LOCAL", "alice");
    static final Principal KRBTGT = new Principal(Principal.NT_SRV_INST, List.of("krbtgt", "TEST.LOCAL"), "TEST.LOCAL");
    static final Principal SVC = Principal.of("TEST.LOCAL", "host", "svc.test.local");
    static final Principal BIG = Principal.of("TEST.LOCAL", "host", "big.test.local");
    static final int FRIA = Credential.FORWARDABLE | Credential.RENEWABLE | Credential.INITIAL | Credential.PRE_AUTHENT
            | Credential.ENC_PA_REP;
    static final int FRAT = Credential.FORWARDABLE | Credential.RENEWABLE | Credential.PRE_AUTHENT
            | Credential.TRANSITED_POLICY_CHECKED | Credential.ENC_PA_REP;

    @Test
    void readsMitCcacheWithAddressesAndConfigEntries() throws Exception {
        CredentialCache cc = CredentialCache.decode(MitFiles.bytes("addresses.ccache"));
        assertEquals(Optional.of(new KdcTimeOffset(0, 0)), cc.kdcTimeOffset());
        assertEquals(ALICE, cc.defaultPrincipal());
        assertEquals(5, cc.credentials().size());
        assertArrayEquals("yes".getBytes(StandardCharsets.US_ASCII), cc.config("fast_avail").orElseThrow());
        assertArrayEquals("2".getBytes(StandardCharsets.US_ASCII), cc.config("pa_type").orElseThrow());
        Credential conf = cc.credentials().get(1);
        assertTrue(conf.isConfigEntry());
        assertEquals(new Principal(Principal.NT_PRINCIPAL, List.of(Credential.CONFIG_COMPONENT, "pa_type",
                "krbtgt/TEST.LOCAL@TEST.LOCAL"), Credential.CONFIG_REALM), conf.server());
        assertEquals(Instant.EPOCH, conf.endTime());

        List<Credential> tickets = cc.tickets();
        assertEquals(List.of(KRBTGT, SVC, BIG), tickets.stream().map(Credential::server).toList());
        List<HostAddress> addresses = List.of(new HostAddress(2, new byte[] {127, 0, 0, 1}),
                new HostAddress(2, new byte[] {(byte) 192, 0, 2, 2}),
                new HostAddress(24, HexFormat.of().parseHex("fd000000000000000000000000000002")));
        for (Credential t : tickets) {
            assertEquals(ALICE, t.client());
            assertEquals(18, t.key().enctype());
            assertEquals(32, t.key().key().length());
            assertEquals(Instant.ofEpochSecond(1795300056L), t.authTime());
            assertEquals(Instant.ofEpochSecond(1795300056L), t.startTime());
            assertEquals(Instant.ofEpochSecond(1795336056L), t.endTime());
            assertEquals(Instant.ofEpochSecond(1795472856L), t.renewTill());
            assertFalse(t.isSkey());
            assertEquals(addresses, t.addresses());
            assertEquals(List.of(), t.authData());
            assertEquals(0x61, t.ticket()[0] & 0xFF); // [APPLICATION 1] Ticket
            assertEquals(0, t.secondTicket().length);
        }
        assertEquals(FRIA, tickets.get(0).ticketFlags());
        assertEquals(0x40e10000, tickets.get(0).ticketFlags());
        assertEquals(FRAT, tickets.get(1).ticketFlags());
        assertTrue(tickets.get(0).key().key().equalsConstantTime(
                HexFormat.of().parseHex("9f19d439de1181fd8932b718e4261c7b8266201d847b52b42fb5b3048395f85e")));
        assertEquals(486, tickets.get(0).ticket().length);
    }

    @Test
    void readsMitCcacheWithTimeOffset() throws Exception {
        CredentialCache cc = CredentialCache.decode(MitFiles.bytes("offset.ccache"));
        assertEquals(Optional.of(new KdcTimeOffset(100, 0)), cc.kdcTimeOffset());
        List<Credential> tickets = cc.tickets();
        assertEquals(List.of(KRBTGT, BIG), tickets.stream().map(Credential::server).toList());
        assertEquals(List.of(), tickets.get(1).addresses());
        assertEquals(Instant.ofEpochSecond(1795386564L), tickets.get(1).renewTill());
    }

    @Test
    void reEncodesMitBytesExactly() throws Exception {
        for (String name : List.of("addresses.ccache", "offset.ccache")) {
            byte[] mit = MitFiles.bytes(name);
            assertArrayEquals(mit, CredentialCache.decode(mit).encode(), name);
        }
    }

    @Test
    void refusesOtherVersionsAndTruncations() throws Exception {
        Krb5FileFormatException v3 = assertThrows(Krb5FileFormatException.class,
                () -> CredentialCache.decode(new byte[] {5, 3, 0, 0}));
        assertTrue(v3.getMessage().contains("version 3"), v3.getMessage());
        assertThrows(Krb5FileFormatException.class, () -> CredentialCache.decode(new byte[] {5, 2}));
        byte[] mit = MitFiles.bytes("offset.ccache");
        int ok = 0;
        for (int n = 0; n < mit.length; n++) {
            byte[] cut = java.util.Arrays.copyOf(mit, n);
            try {
                CredentialCache cc = CredentialCache.decode(cut);
                assertArrayEquals(cut, cc.encode(), "a cut that decodes is the cache up to there");
                ok++;
            } catch (Krb5FileFormatException expected) {
                // the one allowed failure
            }
        }
        assertEquals(4, ok); // after the default principal and after each of the three credentials
    }

    @Test
    void refusesHugeCounts() throws Exception {
        byte[] mit = MitFiles.bytes("offset.ccache");
        byte[] b = mit.clone();
        // The default principal's component count (after 05 04, header length 12 + 12 bytes, name type).
        java.nio.ByteBuffer.wrap(b).putInt(2 + 2 + 12 + 4, 0x7FFFFFFF);
        assertThrows(Krb5FileFormatException.class, () -> CredentialCache.decode(b));
        java.nio.ByteBuffer.wrap(b).putInt(2 + 2 + 12 + 4, 1);
        java.nio.ByteBuffer.wrap(b).putInt(2 + 2 + 12 + 8, -1); // realm length
        assertThrows(Krb5FileFormatException.class, () -> CredentialCache.decode(b));
    }

    @Test
    void writesAtomicallyWithOwnerOnlyPermissions(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("cc");
        CredentialCache.decode(MitFiles.bytes("addresses.ccache")).write(target);
        assertArrayEquals(MitFiles.bytes("addresses.ccache"), Files.readAllBytes(target));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }

    @Test
    void configEntriesBuiltHereMatchMitsLayout() throws Exception {
        CredentialCache mit = CredentialCache.decode(MitFiles.bytes("offset.ccache"));
        Credential built = Credential.configEntry(ALICE, "pa_type", Optional.of(KRBTGT), "2".getBytes(StandardCharsets.US_ASCII));
        CredentialCache one = new CredentialCache(mit.kdcTimeOffset(), ALICE, List.of(built));
        CredentialCache mitOne = new CredentialCache(mit.kdcTimeOffset(), ALICE, List.of(mit.credentials().get(1)));
        assertArrayEquals(mitOne.encode(), one.encode());
    }

    private static String klist(Path dir, Path file) throws Exception {
        return MitTools.run(dir, "klist", "-e", "-f", "-c", "FILE:" + file);
    }

    /** klist (MIT krb5) lists a ccache written here: our principals, times, flags; config entries hidden. */
    @Test
    void mitKlistReadsACcacheWeWrote(@TempDir Path dir) throws Exception {
        CredentialCache mit = CredentialCache.decode(MitFiles.bytes("addresses.ccache"));
        Credential svc = mit.credentials().get(3);
        Principal bob = Principal.of("EXAMPLE.ORG", "bob");
        List<Credential> creds = new ArrayList<>();
        creds.add(Credential.configEntry(bob, "fast_avail", Optional.empty(), "yes".getBytes(StandardCharsets.US_ASCII)));
        // A real MIT ticket (klist -e decodes its enctype), under times, flags and names chosen here.
        creds.add(new Credential(bob, Principal.of("EXAMPLE.ORG", "HTTP", "www.example.org"),
                new KeyBlock(17, SecretBytes.copyOf(new byte[16])), Instant.parse("2030-01-02T03:04:05Z"),
                Instant.parse("2030-01-02T03:04:06Z"), Instant.parse("2030-01-02T13:04:06Z"), Instant.EPOCH, false,
                Credential.FORWARDABLE | Credential.PRE_AUTHENT | Credential.OK_AS_DELEGATE, List.of(), List.of(),
                svc.ticket(), new byte[0]));
        creds.add(new Credential(bob, KRBTGT, svc.key(), Instant.parse("2030-01-02T03:04:05Z"),
                Instant.parse("2030-01-02T03:04:05Z"), Instant.parse("2030-01-03T03:04:05Z"),
                Instant.parse("2030-01-09T03:04:05Z"), false,
                Credential.RENEWABLE | Credential.INITIAL | Credential.PROXIABLE, List.of(), List.of(), svc.ticket(),
                new byte[0]));
        Path file = dir.resolve("ours.ccache");
        new CredentialCache(Optional.of(new KdcTimeOffset(-5, 250000)), bob, creds).write(file);

        String out = klist(dir, file);
        String expected = "Ticket cache: FILE:" + file + "\n"
                + "Default principal: bob@EXAMPLE.ORG\n"
                + "\n"
                + "Valid starting     Expires            Service principal\n"
                + "01/02/30 03:04:06  01/02/30 13:04:06  HTTP/www.example.org@EXAMPLE.ORG\n"
                + "\tFlags: FAO, Etype (skey, tkt): aes128-cts-hmac-sha1-96, aes256-cts-hmac-sha1-96 \n"
                + "\tTicket server: host/svc.test.local@TEST.LOCAL\n" // klist decoded the reused ticket
                + "01/02/30 03:04:05  01/03/30 03:04:05  krbtgt/TEST.LOCAL@TEST.LOCAL\n"
                + "\trenew until 01/09/30 03:04:05, Flags: PRI\n"
                + "\tEtype (skey, tkt): aes256-cts-hmac-sha1-96, aes256-cts-hmac-sha1-96 \n"
                + "\tTicket server: host/svc.test.local@TEST.LOCAL\n";
        assertEquals(expected, out);
    }

    /** MIT's ccache, decoded and written back here, lists exactly as the original does. */
    @Test
    void mitKlistListsOurRewriteOfMitCcachesIdentically(@TempDir Path dir) throws Exception {
        for (String name : List.of("addresses.ccache", "offset.ccache")) {
            Path original = MitFiles.copy(name, dir);
            Path rewritten = dir.resolve("rewritten-" + name);
            CredentialCache.read(original).write(rewritten);
            String mit = klist(dir, original);
            assertTrue(mit.contains("krbtgt/TEST.LOCAL@TEST.LOCAL"), mit);
            assertEquals(mit.replace(original.toString(), "X"), klist(dir, rewritten).replace(rewritten.toString(), "X"));
        }
    }
}
