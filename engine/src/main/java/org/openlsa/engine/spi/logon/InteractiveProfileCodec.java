package org.openlsa.engine.spi.logon;

import org.openlsa.core.LsaException;
import org.openlsa.core.wire.WireReader;
import org.openlsa.core.wire.WireWriter;

/**
 * The layout of {@link InteractiveProfile} (MSV1_0_INTERACTIVE_PROFILE, KERB_INTERACTIVE_PROFILE, the head of
 * KERB_TICKET_PROFILE) in the serialized 64-bit layout (docs/msv1_0-structures.md): MessageType 0, LogonCount 4,
 * BadPasswordCount 6, the six LARGE_INTEGERs at 8..48, the six UNICODE_STRINGs at 56..136 (16 bytes each),
 * UserFlags at 152; fixed size 160 (8-byte aligned), strings after it (or after a longer structure's fixed part).
 */
public final class InteractiveProfileCodec {
    private InteractiveProfileCodec() {}

    public static final int FIXED_SIZE = 160;
    private static final int TIMES = 8;
    private static final int STRINGS = 56;
    private static final int USER_FLAGS = 152;

    /** The profile alone with {@code messageType} (MsV1_0InteractiveProfile 2, KerbInteractiveProfile 2). */
    public static byte[] encode(InteractiveProfile p, int messageType) {
        WireWriter w = new WireWriter(FIXED_SIZE);
        write(w, messageType, p);
        return w.toBytes();
    }

    /**
     * Writes the 160-byte layout at the start of {@code w} with {@code messageType}; a longer structure
     * (KERB_TICKET_PROFILE) writes its own fields after it.
     */
    public static void write(WireWriter w, int messageType, InteractiveProfile p) {
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

    /**
     * Reads the 160-byte layout (without looking at MessageType, the package's to check); strings must lie after
     * {@code fixedSize}, the size of the whole fixed part of the structure being read. INVALID_PARAMETER for a
     * short buffer or a bad string.
     */
    public static InteractiveProfile read(WireReader r, int fixedSize) throws LsaException {
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
        return new InteractiveProfile(r.u16(4), r.u16(6), t[0], t[1], t[2], t[3], t[4], t[5], s[0], s[1], s[2],
                s[3], s[4], s[5], r.u32(USER_FLAGS));
    }
}
