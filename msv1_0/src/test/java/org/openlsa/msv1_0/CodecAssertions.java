package org.openlsa.msv1_0;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.crypto.SecretBytes;

/** Shared helpers for the MSV1_0 codec tests: building raw buffers and comparing decoded structures. */
final class CodecAssertions {
    private CodecAssertions() {}

    interface Decoder {
        Object decode(byte[] buffer) throws LsaException;
    }

    static byte[] utf16(String s) {
        return s.getBytes(StandardCharsets.UTF_16LE);
    }

    static SecretBytes secret(String s) {
        return SecretBytes.copyOf(utf16(s));
    }

    static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Writes a UNICODE_STRING descriptor (64-bit layout) at {@code at}. */
    static void descriptor(byte[] buf, int at, int length, int maximumLength, long bufferOffset) {
        le(buf).putShort(at, (short) length).putShort(at + 2, (short) maximumLength).putLong(at + 8, bufferOffset);
    }

    static void assertSameLogon(Msv1_0InteractiveLogon expected, Msv1_0InteractiveLogon actual) {
        assertEquals(expected.logonDomainName(), actual.logonDomainName());
        assertEquals(expected.userName(), actual.userName());
        assertTrue(expected.password().equalsConstantTime(actual.password()), "password");
        assertEquals(expected.unlockLogonId(), actual.unlockLogonId());
        assertEquals(expected.submitType(), actual.submitType());
    }

    static void assertSameRequest(Msv1_0ChangePasswordRequest expected, Msv1_0ChangePasswordRequest actual) {
        assertEquals(expected.domainName(), actual.domainName());
        assertEquals(expected.accountName(), actual.accountName());
        assertTrue(expected.oldPassword().equalsConstantTime(actual.oldPassword()), "old password");
        assertTrue(expected.newPassword().equalsConstantTime(actual.newPassword()), "new password");
        assertEquals(expected.impersonating(), actual.impersonating());
    }

    /** Decoding fails with exactly {@code status} (an LsaException, no other exception type). */
    static LsaException assertRejected(NtStatus status, Decoder d, byte[] buffer) {
        try {
            Object o = d.decode(buffer);
            fail("decoded " + o + " from a buffer that should be rejected with " + status);
            return null;
        } catch (LsaException e) {
            assertEquals(status, e.status(), e.getMessage());
            assertEquals(NtStatus.SUCCESS, e.subStatus());
            return e;
        }
    }
}
