package org.openlsa.core.der;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DerReaderTest {
    private static final HexFormat HEX = HexFormat.of();

    /** A format's own exception: the reader raises it, and nothing else, for malformed input. */
    static final class FormatError extends Exception {
        FormatError(String message) {
            super(message);
        }
    }

    private static DerReader<FormatError> strict(String hex) {
        return DerReader.over(HEX.parseHex(hex), 4, "T", FormatError::new);
    }

    private static DerReader<FormatError> ber(String hex) {
        return DerReader.overDefiniteBer(HEX.parseHex(hex), 4, "T", FormatError::new);
    }

    private static void assertRefused(String hex, String messagePart) {
        String m = assertThrows(FormatError.class, () -> strict(hex).readContents(0x04, "f")).getMessage();
        assertTrue(m.contains(messagePart), m + " lacks " + messagePart);
    }

    @Test
    void readsASchema() throws FormatError {
        DerReader<FormatError> top = strict("3008" + "a003020105" + "0401ff");
        DerReader<FormatError> seq = top.readConstructed(0x30, "SEQUENCE");
        top.requireEnd("the element");
        assertEquals(0xa0, seq.peekTag());
        DerReader<FormatError> tag = seq.readConstructed(0xa0, "[0]");
        assertArrayEquals(new byte[] {5}, tag.readContents(0x02, "INTEGER"));
        assertFalse(tag.hasMore());
        seq.skip(0x04, "OCTET STRING");
        assertEquals(-1, seq.peekTag());
        seq.requireEnd("SEQUENCE");
    }

    @Test
    void refusesWhatIsNotDer() {
        assertRefused("0480", "indefinite");
        assertRefused("048101ff", "long form");
        assertRefused("04820080" + "00".repeat(128), "leading zero");
        assertRefused("0485ffffffffff", "5-octet");
        assertRefused("0484ffffffff", "exceeds");
        assertRefused("0403ffff", "exceeds");
        assertRefused("0482", "run past");
        assertRefused("04", "no length octet");
        assertRefused("", "missing");
        assertRefused("0500", "must have tag 0x4");
        String m = assertThrows(FormatError.class, () -> strict("1f2201ff").readContents(0x1f, "f")).getMessage();
        assertTrue(m.contains("high-tag-number"), m);
        assertThrows(FormatError.class, () -> {
            DerReader<FormatError> r = strict("04000400");
            r.readContents(0x04, "first");
            r.requireEnd("first");
        });
    }

    @Test
    void limitsTheNesting() throws FormatError {
        DerReader<FormatError> r = strict("30083006300430023000");
        for (int i = 0; i < 4; i++) {
            r = r.readConstructed(0x30, "level " + i);
        }
        DerReader<FormatError> deepest = r;
        String m = assertThrows(FormatError.class, () -> deepest.readConstructed(0x30, "level 4")).getMessage();
        assertTrue(m.contains("nests deeper than 4 levels"), m);
    }

    @Test
    void definiteBerTakesLongFormsButNoIndefiniteLength() throws FormatError {
        assertArrayEquals(new byte[] {1}, ber("04810101").readContents(0x04, "f"));
        assertArrayEquals(new byte[] {1}, ber("0482000101").readContents(0x04, "f"));
        assertThrows(FormatError.class, () -> ber("04800000").readContents(0x04, "f"));
        assertThrows(FormatError.class, () -> ber("0485000000000101").readContents(0x04, "f"));
        assertThrows(FormatError.class, () -> ber("04820002ff").readContents(0x04, "f"));
    }

    @Property
    void theWriterWritesWhatTheStrictReaderReads(@ForAll @IntRange(min = 0, max = 70_000) int length)
            throws FormatError {
        byte[] contents = new byte[length];
        java.util.Arrays.fill(contents, (byte) 7);
        byte[] der = DerWriter.element(0x04, contents);
        assertArrayEquals(contents, DerReader.over(der, 1, "T", FormatError::new).readContents(0x04, "f"));
    }

    @Test
    void theWriterConcatenatesContents() {
        assertArrayEquals(HEX.parseHex("3006" + "020101" + "020102"),
                DerWriter.element(0x30, HEX.parseHex("020101"), HEX.parseHex("020102")));
        assertArrayEquals(HEX.parseHex("3000"), DerWriter.element(0x30));
    }
}
