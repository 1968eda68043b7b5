package org.openlsa.kerberos;

import java.util.Optional;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.core.wire.WireReader;
import org.openlsa.core.wire.WireWriter;
import org.openlsa.engine.spi.logon.InteractiveProfileCodec;

/**
 * Codec of {@link KerbProfile} in the serialized 64-bit layout: the 160-byte interactive profile
 * (docs/msv1_0-structures.md), then for KERB_TICKET_PROFILE the KERB_CRYPTO_KEY at 160 (KeyType 160, Length 164,
 * Value offset 168), fixed size 176. Variable data follows the fixed part.
 */
public final class KerbProfileCodec {
    private KerbProfileCodec() {}

    public static final int INTERACTIVE_SIZE = InteractiveProfileCodec.FIXED_SIZE;
    public static final int TICKET_SIZE = INTERACTIVE_SIZE + 16;
    private static final int KEY = INTERACTIVE_SIZE;

    /** Encodes; a ticket profile holds the session key: zero the result after use. */
    public static byte[] encode(KerbProfile p) {
        WireWriter w = new WireWriter(p.sessionKey().isPresent() ? TICKET_SIZE : INTERACTIVE_SIZE);
        InteractiveProfileCodec.write(w, p.messageType(), p.profile());
        p.sessionKey().ifPresent(k -> {
            byte[] v = k.value();
            writeCryptoKey(w, KEY, k.keyType(), v);
            java.util.Arrays.fill(v, (byte) 0);
        });
        byte[] out = w.toBytes();
        w.wipe();
        return out;
    }

    /** Writes KERB_CRYPTO_KEY {KeyType, Length, Value} at {@code at}, the value after the fixed part. */
    static void writeCryptoKey(WireWriter w, int at, int keyType, byte[] value) {
        w.u32(at, keyType).u32(at + 4, value.length).u64(at + 8, w.append(value));
    }

    /**
     * Decodes either profile; INVALID_PARAMETER for a short buffer or data outside it, BAD_VALIDATION_CLASS for a
     * MessageType that is neither KerbInteractiveProfile (2) nor KerbTicketProfile (6).
     */
    public static KerbProfile decode(byte[] buffer) throws LsaException {
        WireReader r = WireReader.over(buffer);
        r.requireLength(4, "a Kerberos profile");
        int type = r.u32(0);
        if (type == KerbProfile.INTERACTIVE_PROFILE) {
            return new KerbProfile(InteractiveProfileCodec.read(r, INTERACTIVE_SIZE), Optional.empty());
        }
        if (type != KerbProfile.TICKET_PROFILE) {
            throw new LsaException(NtStatus.BAD_VALIDATION_CLASS, "profile MessageType " + type
                    + " is not KerbInteractiveProfile (2) or KerbTicketProfile (6)");
        }
        r.requireLength(TICKET_SIZE, "KERB_TICKET_PROFILE");
        KerbCryptoKey key = readCryptoKey(r, KEY, TICKET_SIZE, "SessionKey");
        return new KerbProfile(InteractiveProfileCodec.read(r, TICKET_SIZE), Optional.of(key));
    }

    /** Reads the KERB_CRYPTO_KEY at {@code at}, its Value bounds-checked like any string. */
    static KerbCryptoKey readCryptoKey(WireReader r, int at, int fixedSize, String field) throws LsaException {
        int keyType = r.u32(at);
        long length = Integer.toUnsignedLong(r.u32(at + 4));
        long offset = r.u64(at + 8);
        byte[] value = r.region(offset, length, fixedSize, field);
        try {
            return new KerbCryptoKey(keyType, value);
        } finally {
            java.util.Arrays.fill(value, (byte) 0);
        }
    }
}
