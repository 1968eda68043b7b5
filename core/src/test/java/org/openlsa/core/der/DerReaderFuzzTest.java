package org.openlsa.core.der;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzzing of the one DER reader (Jazzer). A plain {@code mvn test} replays the seeds under
 * {@code src/test/resources/org/openlsa/core/der/DerReaderFuzzTestInputs/<method>/}; to fuzz:
 * {@code bin/fuzz DerReaderFuzzTest}.
 *
 * <p>Properties: a generic walk of any input raises only the format's exception (never an index, arithmetic or
 * stack overflow error), in both modes; what the strict reader accepts is canonical, so writing its elements back
 * with {@link DerWriter} gives the input byte for byte; what the definite-length BER mode accepts, written back, the
 * strict reader accepts.
 */
class DerReaderFuzzTest {
    static final class FormatError extends Exception {
        FormatError(String message) {
            super(message);
        }
    }

    private static final int MAX_DEPTH = 8;

    /** Reads the next element whatever its tag and writes it back in DER. */
    private static byte[] walk(DerReader<FormatError> r) throws FormatError {
        int tag = r.peekTag();
        if (tag < 0) {
            throw new FormatError("no element");
        }
        if ((tag & 0x20) == 0) {
            return DerWriter.element(tag, r.readContents(tag, "primitive"));
        }
        DerReader<FormatError> inner = r.readConstructed(tag, "constructed");
        List<byte[]> parts = new ArrayList<>();
        while (inner.hasMore()) {
            parts.add(walk(inner));
        }
        return DerWriter.element(tag, parts.toArray(byte[][]::new));
    }

    private static byte[] top(DerReader<FormatError> r) throws FormatError {
        byte[] element = walk(r);
        r.requireEnd("the element");
        return element;
    }

    @FuzzTest
    void fuzzDerReader(byte[] data) {
        byte[] strict;
        try {
            strict = top(DerReader.over(data, MAX_DEPTH, "fuzz", FormatError::new));
        } catch (FormatError e) {
            strict = null;
        }
        if (strict != null) {
            assertArrayEquals(data, strict);
        }
        byte[] ber;
        try {
            ber = top(DerReader.overDefiniteBer(data, MAX_DEPTH, "fuzz", FormatError::new));
        } catch (FormatError e) {
            return;
        }
        try {
            assertArrayEquals(ber, top(DerReader.over(ber, MAX_DEPTH, "fuzz", FormatError::new)));
        } catch (FormatError e) {
            throw new AssertionError("re-encoded definite-length BER is not DER: " + e.getMessage(), e);
        }
    }
}
