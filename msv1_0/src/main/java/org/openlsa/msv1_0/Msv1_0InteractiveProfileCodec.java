package org.openlsa.msv1_0;

import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.core.wire.WireReader;
import org.openlsa.core.wire.WireWriter;

/**
 * Codec of {@link Msv1_0InteractiveProfile} in the serialized 64-bit layout (docs/msv1_0-structures.md):
 * MessageType 0, LogonCount 4, BadPasswordCount 6, the six LARGE_INTEGERs at 8..48, the six UNICODE_STRINGs at
 * 56..136 (16 bytes each), UserFlags at 152; fixed size 160 (8-byte aligned), strings after it.
 */
public final class Msv1_0InteractiveProfileCodec {
    private Msv1_0InteractiveProfileCodec() {}

    public static final int FIXED_SIZE = 160;
    private static final int TIMES = 8;
    private static final int STRINGS = 56;
    private static final int USER_FLAGS = 152;

    public static byte[] encode(Msv1_0InteractiveProfile p) {
        WireWriter w = new WireWriter(FIXED_SIZE);
        write(w, Msv1_0InteractiveProfile.MESSAGE_TYPE, p);
        return w.toBytes();
    }

    /**
     * Writes the 160-byte layout at the start of {@code w} with {@code messageType}: KERB_INTERACTIVE_PROFILE and the
     * head of KERB_TICKET_PROFILE share it with the Kerberos profile types.
     */
    public static void write(WireWriter w, int messageType, Msv1_0InteractiveProfile p) {
        w.u32(0, messageType).u16(4, p.logonCount()).u16(6, p.badPasswordCount());
        long[] times = {p.logonTime(), p.logoffTime(), p.kickOffTime(), p.passwordLastSet(), p.passwordCanChange(),
            p.passwordMustChange()};
        for (int i = 0; i < times.length; i++) {
            w.u64(TIMES + 8 * i, times[i]);
        }
        String[] strings = {p.logonScript(), p.homeDirectory(), p.fullName(), p.profilePath(), p.homeDirectoryDrive(),
            p.logonServer()};
        for (int i = 0; i < strings.length; i++) {
            w.unicodeString(STRINGS + 16 * i, strings[i]);
        }
        w.u32(USER_FLAGS, p.userFlags());
    }

    /** Decodes; INVALID_PARAMETER for a short buffer or a string outside it, BAD_VALIDATION_CLASS for another type. */
    public static Msv1_0InteractiveProfile decode(byte[] buffer) throws LsaException {
        WireReader r = WireReader.over(buffer);
        r.requireLength(FIXED_SIZE, "MSV1_0_INTERACTIVE_PROFILE");
        int type = r.u32(0);
        if (type != Msv1_0InteractiveProfile.MESSAGE_TYPE) {
            throw new LsaException(NtStatus.BAD_VALIDATION_CLASS, "profile MessageType " + type
                    + " is not MsV1_0InteractiveProfile (2)");
        }
        return read(r, FIXED_SIZE);
    }

    /**
     * Reads the 160-byte layout (without looking at MessageType); strings must lie after {@code fixedSize}, the size
     * of the whole fixed part of the structure being read. INVALID_PARAMETER for a short buffer or a bad string.
     */
    public static Msv1_0InteractiveProfile read(WireReader r, int fixedSize) throws LsaException {
        r.requireLength(fixedSize, "the interactive profile");
        long[] t = new long[6];
        for (int i = 0; i < 6; i++) {
            t[i] = r.u64(TIMES + 8 * i);
        }
        String[] s = new String[6];
        String[] names = {"LogonScript", "HomeDirectory", "FullName", "ProfilePath", "HomeDirectoryDrive", "LogonServer"};
        for (int i = 0; i < 6; i++) {
            s[i] = r.unicodeString(STRINGS + 16 * i, fixedSize, names[i]);
        }
        return new Msv1_0InteractiveProfile(r.u16(4), r.u16(6), t[0], t[1], t[2], t[3], t[4], t[5], s[0], s[1], s[2],
                s[3], s[4], s[5], r.u32(USER_FLAGS));
    }
}
