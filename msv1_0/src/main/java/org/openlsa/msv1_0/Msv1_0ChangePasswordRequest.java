package org.openlsa.msv1_0;

import java.util.Objects;
import org.openlsa.core.LsaException;
import org.openlsa.core.wire.WireReader;
import org.openlsa.core.wire.WireWriter;
import org.openlsa.crypto.SecretBytes;

/**
 * MSV1_0_CHANGEPASSWORD_REQUEST (ntsecapi.h), 64-bit layout: MessageType 0, DomainName 8, AccountName 24,
 * OldPassword 40, NewPassword 56 (UNICODE_STRINGs), BOOLEAN Impersonating 72; fixed size 80.
 * <pre>
 * typedef struct _MSV1_0_CHANGEPASSWORD_REQUEST {
 *   MSV1_0_PROTOCOL_MESSAGE_TYPE MessageType;
 *   UNICODE_STRING DomainName; UNICODE_STRING AccountName;
 *   UNICODE_STRING OldPassword; UNICODE_STRING NewPassword;
 *   BOOLEAN Impersonating;
 * } MSV1_0_CHANGEPASSWORD_REQUEST;
 * </pre>
 */
public record Msv1_0ChangePasswordRequest(String domainName, String accountName, SecretBytes oldPassword,
                                          SecretBytes newPassword, boolean impersonating) implements AutoCloseable {
    public static final int FIXED_SIZE = 80;

    public Msv1_0ChangePasswordRequest {
        Objects.requireNonNull(domainName, "domainName");
        Objects.requireNonNull(accountName, "accountName");
        Objects.requireNonNull(oldPassword, "oldPassword");
        Objects.requireNonNull(newPassword, "newPassword");
    }

    /** INVALID_PARAMETER for a short buffer or a string outside it. The MessageType is the caller's to check. */
    public static Msv1_0ChangePasswordRequest decode(byte[] buffer) throws LsaException {
        WireReader r = WireReader.over(buffer);
        r.requireLength(FIXED_SIZE, "MSV1_0_CHANGEPASSWORD_REQUEST");
        return new Msv1_0ChangePasswordRequest(r.unicodeString(8, FIXED_SIZE, "DomainName"),
                r.unicodeString(24, FIXED_SIZE, "AccountName"),
                SecretBytes.adopt(r.unicodeStringBytes(40, FIXED_SIZE, "OldPassword")),
                SecretBytes.adopt(r.unicodeStringBytes(56, FIXED_SIZE, "NewPassword")),
                r.u8(72) != 0);
    }

    /** The returned buffer holds both passwords: zero it after use. */
    public byte[] encode() {
        return encodeLayout(Msv1_0ProtocolMessageType.CHANGE_PASSWORD.value());
    }

    /**
     * This layout under another MessageType: KERB_CHANGEPASSWORD_REQUEST is the same structure with
     * KerbChangePasswordMessage (7). The returned buffer holds both passwords: zero it after use.
     */
    public byte[] encodeLayout(int messageType) {
        WireWriter w = new WireWriter(FIXED_SIZE);
        w.u32(0, messageType);
        w.unicodeString(8, domainName).unicodeString(24, accountName);
        byte[] o = oldPassword.copyBytes();
        byte[] n = newPassword.copyBytes();
        w.unicodeString(40, o).unicodeString(56, n);
        java.util.Arrays.fill(o, (byte) 0);
        java.util.Arrays.fill(n, (byte) 0);
        w.u8(72, impersonating ? 1 : 0);
        byte[] out = w.toBytes();
        w.wipe();
        return out;
    }

    @Override
    public void close() {
        oldPassword.destroy();
        newPassword.destroy();
    }
}
