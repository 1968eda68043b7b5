package org.openlsa.krb5.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.crypto.SecretBytes;

class KeytabFileTest {
    static final Principal SVC = new Principal(Principal.NT_PRINCIPAL, List.of("host", "svc.test.local"), "TEST.LOCAL");
    static final Principal BIG = new Principal(Principal.NT_PRINCIPAL, List.of("host", "big.test.local"), "TEST.LOCAL");
    static final List<Integer> MIT_ENCTYPES = List.of(18, 17, 20, 19, 23);
    static final List<String> SVC_KEYS = List.of("187604032fc85ffb9a96be1056dac1da05229c5d0b28dd97145feca85eecf3b0",
            "243751b77100e133cd7df31e2a6bd673", "c01a5d7f00eaab8b8c5c7ac8dc0bccb9bae394c891dda38169fda04e4f468c1c",
            "7e459f4c7ce95614dd299b1779a60e42", "e05a74a873c156a4d0f6f20f4f56053c");
    static final List<String> BIG_KEYS = List.of("a8f5c8514930251de627b86743216974186b609af01115f4cfcceef9a9f45518",
            "cd8ec732f78fe25fc8da0f03ec60e470", "17e83165fcc40fdf20292322dd9ed85e0e6fab2884e48726d08fdea4f88221b0",
            "d8792425b2e00434934a89febc33e630", "14e78e5db7b37c88fc74d10dc779a2de");
    /** klist -e names of the enctypes used here. */
    static final java.util.Map<Integer, String> ENCTYPE_NAMES = java.util.Map.of(17, "aes128-cts-hmac-sha1-96",
            18, "aes256-cts-hmac-sha1-96", 19, "aes128-cts-hmac-sha256-128", 20, "aes256-cts-hmac-sha384-192",
            23, "DEPRECATED:arcfour-hmac");

    private static void assertEntries(Keytab kt, Principal principal, int kvno, Instant timestamp, List<String> keys) {
        assertEquals(5, kt.entries().size());
        for (int i = 0; i < 5; i++) {
            KeytabEntry e = kt.entries().get(i);
            assertEquals(principal, e.principal());
            assertEquals(kvno, e.kvno());
            assertEquals(timestamp, e.timestamp());
            assertEquals(MIT_ENCTYPES.get(i), e.key().enctype());
            assertTrue(e.key().key().equalsConstantTime(HexFormat.of().parseHex(keys.get(i))), "key " + i);
        }
    }

    @Test
    void readsMitKeytabs() throws Exception {
        assertEntries(Keytab.decode(MitFiles.bytes("svc.keytab")), SVC, 2, Instant.parse("2026-11-21T22:27:21Z"), SVC_KEYS);
        // kvno 300: the 8-bit field holds 44, the trailing 32-bit field 300.
        assertEntries(Keytab.decode(MitFiles.bytes("kvno300.keytab")), BIG, 300, Instant.parse("2026-11-21T22:27:30Z"),
                BIG_KEYS);
        // Five holes left by ktremove, then the kvno 300 entries.
        assertEntries(Keytab.decode(MitFiles.bytes("holes.keytab")), BIG, 300, Instant.parse("2026-11-21T22:27:30Z"),
                BIG_KEYS);
    }

    @Test
    void reEncodesMitBytesExactly() throws Exception {
        for (String name : List.of("svc.keytab", "kvno300.keytab")) {
            byte[] mit = MitFiles.bytes(name);
            assertArrayEquals(mit, Keytab.decode(mit).encode(), name);
        }
        // Holes are not written back: the rest is exactly MIT's kvno300.keytab.
        assertArrayEquals(MitFiles.bytes("kvno300.keytab"), Keytab.decode(MitFiles.bytes("holes.keytab")).encode());
    }

    @Test
    void refusesVersion1AndOtherFiles() throws Exception {
        Krb5FileFormatException v1 = assertThrows(Krb5FileFormatException.class,
                () -> Keytab.decode(new byte[] {5, 1, 0, 0, 0, 0}));
        assertTrue(v1.getMessage().contains("version 1"), v1.getMessage());
        assertThrows(Krb5FileFormatException.class, () -> Keytab.decode(new byte[] {5, 4}));
        assertThrows(Krb5FileFormatException.class, () -> Keytab.decode(new byte[0]));
        // the same two bytes with version 2 are a keytab (an empty one): the refusals are the versions'
        assertEquals(0, Keytab.decode(new byte[] {5, 2}).entries().size());
    }

    @Test
    void zeroLengthEndsTheFileAndHolesAreSkipped() throws Exception {
        byte[] mit = MitFiles.bytes("svc.keytab");
        byte[] ended = ByteBuffer.allocate(mit.length + 4 + 7).put(mit).putInt(0).put(new byte[] {1, 2, 3, 4, 5, 6, 7})
                .array();
        assertEquals(5, Keytab.decode(ended).entries().size());
        byte[] holed = ByteBuffer.allocate(2 + 4 + 3 + mit.length - 2).put(mit, 0, 2).putInt(-3).put(new byte[3])
                .put(mit, 2, mit.length - 2).array();
        assertArrayEquals(mit, Keytab.decode(holed).encode());
        byte[] hugeHole = ByteBuffer.allocate(6).put(mit, 0, 2).putInt(Integer.MIN_VALUE).array();
        assertThrows(Krb5FileFormatException.class, () -> Keytab.decode(hugeHole));
    }

    /**
     * A cut at a record boundary (found here by walking the file's length prefixes, not by the decoder) is the keytab
     * of the records before it; a cut anywhere else is a format error. The whole file is the five MIT entries.
     */
    @Test
    void everyTruncationIsAFormatErrorOrAShorterKeytab() throws Exception {
        byte[] mit = MitFiles.bytes("svc.keytab");
        List<Integer> boundaries = new ArrayList<>(List.of(2));
        for (int at = 2; at < mit.length; ) {
            at += 4 + ByteBuffer.wrap(mit, at, 4).getInt();
            boundaries.add(at);
        }
        assertEquals(6, boundaries.size(), "after the version and after each of the five records");
        assertEquals(mit.length, boundaries.getLast(), "the last record ends where the file does");
        assertEntries(Keytab.decode(mit), SVC, 2, Instant.parse("2026-11-21T22:27:21Z"), SVC_KEYS);
        for (int n = 0; n < mit.length; n++) {
            byte[] cut = java.util.Arrays.copyOf(mit, n);
            int records = boundaries.indexOf(n);
            if (records >= 0) {
                Keytab kt = Keytab.decode(cut);
                assertEquals(records, kt.entries().size(), "entries before byte " + n);
                assertArrayEquals(cut, kt.encode(), "the first " + records + " records, re-encoded");
            } else {
                assertThrows(Krb5FileFormatException.class, () -> Keytab.decode(cut), "cut at byte " + n);
            }
        }
    }

    @Test
    void writesAtomicallyWithOwnerOnlyPermissions(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("out.keytab");
        Files.writeString(target, "old contents");
        Keytab.decode(MitFiles.bytes("svc.keytab")).write(target);
        assertArrayEquals(MitFiles.bytes("svc.keytab"), Files.readAllBytes(target));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList());
        }
    }

    @Test
    void closeDestroysTheKeys() throws Exception {
        Keytab kt = Keytab.decode(MitFiles.bytes("svc.keytab"));
        kt.close();
        assertTrue(kt.entries().getFirst().key().key().isDestroyed());
        assertTrue(!kt.entries().getFirst().toString().contains("1876"));
    }

    @Test
    void entriesForMatchesComponentsAndRealm() throws Exception {
        Keytab kt = Keytab.decode(MitFiles.bytes("svc.keytab"));
        assertEquals(5, kt.entriesFor(new Principal(Principal.NT_SRV_HST, SVC.components(), SVC.realm())).size());
        assertEquals(0, kt.entriesFor(BIG).size());
    }

    private static final Pattern KLIST_KEY = Pattern.compile(
            "^\\s*(\\d+) (\\S+ \\S+) (\\S+) \\((\\S+)\\)\\s+\\(0x([0-9a-f]+)\\)\\s*$");

    private static List<String> klistKeys(Path dir, Path keytab) throws Exception {
        String out = MitTools.run(dir, "klist", "-k", "-t", "-e", "-K", "FILE:" + keytab);
        List<String> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            Matcher m = KLIST_KEY.matcher(line);
            if (m.matches()) {
                lines.add(m.group(1) + " " + m.group(2) + " " + m.group(3) + " " + m.group(4) + " " + m.group(5));
            }
        }
        return lines;
    }

    /** klist (MIT krb5) lists a keytab written here with the keys, kvnos, enctypes, names and times given. */
    @Test
    void mitKlistReadsAKeytabWeWrote(@TempDir Path dir) throws Exception {
        Instant t = Instant.parse("2030-01-02T03:04:05Z");
        List<KeytabEntry> entries = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        int[] kvnos = {1, 255, 256, 70000};
        int[] enctypes = {18, 17, 19, 20, 23};
        Principal[] principals = {Principal.of("EXAMPLE.ORG", "HTTP", "www.example.org"),
            Principal.of("EXAMPLE.ORG", "alice"), Principal.of("EXAMPLE.ORG", "a", "b", "c")};
        int n = 0;
        for (Principal p : principals) {
            for (int kvno : kvnos) {
                int enctype = enctypes[n % enctypes.length];
                byte[] key = new byte[enctype == 18 || enctype == 20 ? 32 : 16];
                for (int i = 0; i < key.length; i++) {
                    key[i] = (byte) (n * 31 + i * 7);
                }
                entries.add(new KeytabEntry(p, t, kvno, new KeyBlock(enctype, SecretBytes.copyOf(key))));
                expected.add(kvno + " 01/02/30 03:04:05 " + p + " " + ENCTYPE_NAMES.get(enctype) + " "
                        + HexFormat.of().formatHex(key));
                n++;
            }
        }
        Path file = dir.resolve("ours.keytab");
        new Keytab(entries).write(file);
        assertEquals(expected, klistKeys(dir, file));
        assertEquals(entries.size(), Keytab.read(file).entries().size());
    }

    /** MIT's keytab, decoded and written back here, lists exactly as the original does. */
    @Test
    void mitKlistListsOurRewriteOfMitKeytabsIdentically(@TempDir Path dir) throws Exception {
        for (String name : List.of("svc.keytab", "holes.keytab")) {
            Path original = MitFiles.copy(name, dir);
            Path rewritten = dir.resolve("rewritten-" + name);
            Keytab.read(original).write(rewritten);
            List<String> mit = klistKeys(dir, original);
            assertEquals(5, mit.size());
            assertEquals(mit, klistKeys(dir, rewritten));
        }
    }
}
