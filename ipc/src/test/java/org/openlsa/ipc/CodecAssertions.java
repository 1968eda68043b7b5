package org.openlsa.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.function.Executable;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;

final class CodecAssertions {
    private CodecAssertions() {}

    /** The decoder must fail with INVALID_PARAMETER (and no other exception type). */
    static LsaException assertInvalid(Executable decode) {
        LsaException e = assertThrows(LsaException.class, decode);
        assertEquals(NtStatus.INVALID_PARAMETER, e.status(), e.getMessage());
        assertEquals(NtStatus.SUCCESS, e.subStatus());
        return e;
    }

    interface Decoder {
        void decode(byte[] b) throws Exception;
    }

    /** Every proper prefix (from {@code from} bytes on) and the encoding plus a trailing byte are INVALID_PARAMETER. */
    static void assertEveryTruncationInvalid(byte[] good, int from, Decoder d) {
        for (int n = from; n < good.length; n++) {
            byte[] cut = Arrays.copyOf(good, n);
            LsaException e = assertThrows(LsaException.class, () -> d.decode(cut), "truncated to " + n);
            assertEquals(NtStatus.INVALID_PARAMETER, e.status());
        }
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        LsaException e = assertThrows(LsaException.class, () -> d.decode(longer), "trailing byte");
        assertEquals(NtStatus.INVALID_PARAMETER, e.status());
    }
}
