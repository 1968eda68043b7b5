package org.openlsa.msv1_0;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.openlsa.engine.spi.logon.ChangePasswordRequest;
import org.openlsa.engine.spi.logon.InteractiveLogon;
import org.openlsa.engine.spi.logon.InteractiveProfile;
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

    /** A plain copy of an encoded structure (test passwords only), the secret closed. */
    static byte[] plain(SecretBytes encoded) {
        try (encoded) {
            return encoded.copyBytes();
        }
    }

    /** MSV1_0_CHANGEPASSWORD_REQUEST as a plain array. */
    static byte[] encode(ChangePasswordRequest request) {
        return plain(request.encode(Msv1_0ProtocolMessageType.CHANGE_PASSWORD.value()));
    }

    /** MSV1_0_INTERACTIVE_LOGON (or the unlock form) as a plain array. */
    static byte[] encode(InteractiveLogon logon) {
        return plain(Msv1_0InteractiveLogonCodec.encode(logon));
    }

    /** A profile with every field set. */
    static InteractiveProfile profileSample() {
        long t = org.openlsa.core.NtTime.fromInstant(java.time.Instant.parse("2024-01-08T10:00:00Z"));
        return new InteractiveProfile(42, 3, t, org.openlsa.core.NtTime.NEVER, org.openlsa.core.NtTime.NEVER, t - 1,
                t + 1, 0, "logon.cmd", "\\\\srv\\home\\alice", "Alice Liddell", "\\\\srv\\profiles\\alice", "H:",
                "DC01", 0x20);
    }

    static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Writes a UNICODE_STRING descriptor (64-bit layout) at {@code at}. */
    static void descriptor(byte[] buf, int at, int length, int maximumLength, long bufferOffset) {
        le(buf).putShort(at, (short) length).putShort(at + 2, (short) maximumLength).putLong(at + 8, bufferOffset);
    }

    static void assertSameLogon(InteractiveLogon expected, InteractiveLogon actual) {
        assertEquals(expected.logonDomainName(), actual.logonDomainName());
        assertEquals(expected.userName(), actual.userName());
        assertTrue(expected.password().equalsConstantTime(actual.password()), "password");
        assertEquals(expected.unlockLogonId(), actual.unlockLogonId());
        assertEquals(Msv1_0InteractiveLogonCodec.submitType(expected), Msv1_0InteractiveLogonCodec.submitType(actual));
    }

    static void assertSameRequest(ChangePasswordRequest expected, ChangePasswordRequest actual) {
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
