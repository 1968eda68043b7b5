package org.openlsa.engine.spi.logon;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.openlsa.core.LsaException;
import org.openlsa.core.wire.WireReader;
import org.openlsa.core.wire.WireWriter;
import org.openlsa.crypto.SecretBytes;

/**
 * A password change submitted through CallPackage (ntsecapi.h), the values shared by MSV1_0_CHANGEPASSWORD_REQUEST
 * (MessageType MsV1_0ChangePassword 9) and KERB_CHANGEPASSWORD_REQUEST (KerbChangePasswordMessage 7), which have one
 * layout; 64-bit: MessageType 0, DomainName 8, AccountName 24, OldPassword 40, NewPassword 56 (UNICODE_STRINGs),
 * BOOLEAN Impersonating 72; fixed size 80.
 * <pre>
 * typedef struct _MSV1_0_CHANGEPASSWORD_REQUEST {   // KERB_CHANGEPASSWORD_REQUEST: the same
 *   MSV1_0_PROTOCOL_MESSAGE_TYPE MessageType;
 *   UNICODE_STRING DomainName; UNICODE_STRING AccountName;
 *   UNICODE_STRING OldPassword; UNICODE_STRING NewPassword;
 *   BOOLEAN Impersonating;
 * } MSV1_0_CHANGEPASSWORD_REQUEST;
 * </pre>
 * Both passwords are UTF-16LE secrets; {@link #close()} destroys them.
 */
public record ChangePasswordRequest(String domainName, String accountName, SecretBytes oldPassword,
                                    SecretBytes newPassword, boolean impersonating) implements AutoCloseable {
    public static final int FIXED_SIZE = 80;

    public ChangePasswordRequest {
        Objects.requireNonNull(domainName, "domainName");
        Objects.requireNonNull(accountName, "accountName");
        Objects.requireNonNull(oldPassword, "oldPassword");
        Objects.requireNonNull(newPassword, "newPassword");
    }

    /** INVALID_PARAMETER for a short buffer or a string outside it. The MessageType is the caller's to check. */
    public static ChangePasswordRequest decode(byte[] buffer) throws LsaException {
        WireReader r = WireReader.over(buffer);
        r.requireLength(FIXED_SIZE, "the change-password request");
        String domain = r.unicodeString(8, FIXED_SIZE, "DomainName");
        String account = r.unicodeString(24, FIXED_SIZE, "AccountName");
        boolean impersonating = r.u8(72) != 0;
        SecretBytes oldPassword = SecretBytes.adopt(r.unicodeStringBytes(40, FIXED_SIZE, "OldPassword"));
        try {
            return new ChangePasswordRequest(domain, account, oldPassword,
                    SecretBytes.adopt(r.unicodeStringBytes(56, FIXED_SIZE, "NewPassword")), impersonating);
        } catch (LsaException | RuntimeException e) {
            oldPassword.destroy();
            throw e;
        }
    }

    /**
     * Encodes with {@code messageType} (MsV1_0ChangePassword 9, KerbChangePasswordMessage 7) straight into a secret:
     * both passwords are written from their own secrets without a copy; the caller closes the result.
     */
    public SecretBytes encode(int messageType) {
        byte[] domain = domainName.getBytes(StandardCharsets.UTF_16LE);
        byte[] account = accountName.getBytes(StandardCharsets.UTF_16LE);
        SecretBytes out = SecretBytes.allocate(WireWriter.sizeWithStrings(FIXED_SIZE, domain.length, account.length,
                oldPassword.length(), newPassword.length()));
        try {
            out.use(buf -> {
                WireWriter w = WireWriter.into(buf, FIXED_SIZE);
                w.u32(0, messageType);
                w.unicodeString(8, domain).unicodeString(24, account);
                oldPassword.use(o -> w.unicodeString(40, o));
                newPassword.use(n -> w.unicodeString(56, n));
                w.u8(72, impersonating ? 1 : 0);
            });
        } catch (RuntimeException e) {
            // A password the structure cannot hold (odd length, over a UNICODE_STRING's 65534 bytes) is refused
            // after the old one may already be written: the half-made structure is a secret too.
            out.destroy();
            throw e;
        }
        return out;
    }

    @Override
    public void close() {
        oldPassword.destroy();
        newPassword.destroy();
    }
}
