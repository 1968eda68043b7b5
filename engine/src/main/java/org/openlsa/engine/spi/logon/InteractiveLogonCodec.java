package org.openlsa.engine.spi.logon;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.wire.WireReader;
import org.openlsa.core.wire.WireWriter;
import org.openlsa.crypto.SecretBytes;

/**
 * The layout of {@link InteractiveLogon} (MSV1_0_INTERACTIVE_LOGON, KERB_INTERACTIVE_LOGON and their unlock forms)
 * in the serialized 64-bit layout (docs/msv1_0-structures.md): MessageType at 0 (4 bytes + 4 padding),
 * LogonDomainName at 8, UserName at 24, Password at 40, each a 16-byte UNICODE_STRING whose Buffer is an offset
 * from the start of the structure; the unlock form adds LogonId at 56. Strings follow the fixed part.
 *
 * <p>Each package checks its own MessageType (MsV1_0InteractiveLogon 2 and MsV1_0WorkstationUnlockLogon 7,
 * KerbInteractiveLogon 2 and KerbWorkstationUnlockLogon 7) and then reads the layout here.
 */
public final class InteractiveLogonCodec {
    private InteractiveLogonCodec() {}

    static final int DOMAIN = 8;
    static final int USER = 24;
    static final int PASSWORD = 40;
    static final int LOGON_ID = 56;
    /** Fixed size of the interactive form. */
    public static final int INTERACTIVE_SIZE = 56;
    /** Fixed size of the unlock form. */
    public static final int UNLOCK_SIZE = 64;

    /** The MessageType of any logon buffer; INVALID_PARAMETER when it is shorter than 4 bytes. */
    public static int messageType(byte[] buffer) throws LsaException {
        WireReader r = WireReader.over(buffer);
        r.requireLength(4, "a logon structure");
        return r.u32(0);
    }

    /** {@link #messageType(byte[])} of a buffer kept secret. */
    public static int messageType(SecretBytes buffer) throws LsaException {
        return buffer.read(InteractiveLogonCodec::messageType);
    }

    /**
     * Decodes the layout without looking at MessageType (the caller has checked it): the interactive form, or the
     * unlock form when {@code unlock}. {@code structure} names the structure in errors. INVALID_PARAMETER for a
     * buffer too short for its fixed part or a string outside it. The caller closes the result.
     */
    public static InteractiveLogon decode(byte[] buffer, boolean unlock, String structure) throws LsaException {
        int fixed = unlock ? UNLOCK_SIZE : INTERACTIVE_SIZE;
        WireReader r = WireReader.over(buffer);
        r.requireLength(fixed, structure);
        String domain = r.unicodeString(DOMAIN, fixed, "LogonDomainName");
        String user = r.unicodeString(USER, fixed, "UserName");
        Optional<Luid> logonId = unlock ? Optional.of(new Luid(r.u64(LOGON_ID))) : Optional.empty();
        // Read last, so that no exception leaves a password secret unclosed; the secret adopts the bytes read.
        SecretBytes password = SecretBytes.adopt(r.unicodeStringBytes(PASSWORD, fixed, "Password"));
        return new InteractiveLogon(domain, user, password, logonId);
    }

    /** {@link #decode(byte[], boolean, String)} of a buffer kept secret. */
    public static InteractiveLogon decode(SecretBytes buffer, boolean unlock, String structure) throws LsaException {
        return buffer.read(b -> decode(b, unlock, structure));
    }

    /**
     * Encodes with {@code messageType}, straight into a secret of the structure's exact size: the password is
     * written from its own secret without a copy, and the result, which holds it, is closed by the caller.
     */
    public static SecretBytes encode(InteractiveLogon logon, int messageType) {
        int fixed = logon.isUnlock() ? UNLOCK_SIZE : INTERACTIVE_SIZE;
        byte[] domain = logon.logonDomainName().getBytes(StandardCharsets.UTF_16LE);
        byte[] user = logon.userName().getBytes(StandardCharsets.UTF_16LE);
        SecretBytes out = SecretBytes.allocate(WireWriter.sizeWithStrings(fixed, domain.length, user.length,
                logon.password().length()));
        out.use(buf -> {
            WireWriter w = WireWriter.into(buf, fixed);
            w.u32(0, messageType);
            w.unicodeString(DOMAIN, domain);
            w.unicodeString(USER, user);
            logon.password().use(pw -> w.unicodeString(PASSWORD, pw));
            logon.unlockLogonId().ifPresent(id -> w.u64(LOGON_ID, id.value()));
        });
        return out;
    }
}
