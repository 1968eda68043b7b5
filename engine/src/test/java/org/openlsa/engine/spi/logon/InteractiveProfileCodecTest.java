package org.openlsa.engine.spi.logon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.openlsa.engine.spi.logon.Layouts.le;
import static org.openlsa.engine.spi.logon.Layouts.utf16;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtTime;

/** The interactive profile layout (MSV1_0_INTERACTIVE_PROFILE, KERB_INTERACTIVE_PROFILE), MessageType 2 here. */
class InteractiveProfileCodecTest {
    private static final long T = NtTime.fromInstant(Instant.parse("2024-01-08T10:00:00Z"));

    public static InteractiveProfile sample() {
        return new InteractiveProfile(42, 3, T, NtTime.NEVER, NtTime.NEVER, T - 1, T + 1, 0,
                "logon.cmd", "\\\\srv\\home\\alice", "Alice Liddell", "\\\\srv\\profiles\\alice", "H:", "DC01",
                0x20);
    }

    private static InteractiveProfile decode(byte[] wire) throws LsaException {
        return InteractiveProfileCodec.read(org.openlsa.core.wire.WireReader.over(wire), InteractiveProfileCodec.FIXED_SIZE);
    }

    /** The MessageType is the package's: the layout is written with whichever it names. */
    @Test
    void writesThePackagesMessageType() {
        assertEquals(6, le(InteractiveProfileCodec.encode(sample(), 6)).getInt(0));
    }

    @Test
    void roundTrip() throws LsaException {
        InteractiveProfile p = sample();
        assertEquals(p, decode(InteractiveProfileCodec.encode(p, 2)));
        InteractiveProfile extremes = new InteractiveProfile(0xFFFF, 0xFFFF, Long.MIN_VALUE, -1, 0,
                Long.MAX_VALUE, 1, 2, "", "", "\u00e9\ud83d\ude00", "", "", "", 0xFFFFFFFF);
        assertEquals(extremes, decode(InteractiveProfileCodec.encode(extremes, 2)));
    }

    @Test
    void fixedSizeIs160() {
        assertEquals(160, InteractiveProfileCodec.FIXED_SIZE);
        InteractiveProfile empty = new InteractiveProfile(0, 0, 0, 0, 0, 0, 0, 0, "", "", "", "", "", "", 0);
        byte[] wire = InteractiveProfileCodec.encode(empty, 2);
        assertEquals(160, wire.length);
        byte[] expected = new byte[160];
        expected[0] = 2;
        assertArrayEquals(expected, wire);
    }

    @Test
    void layout() {
        byte[] wire = InteractiveProfileCodec.encode(sample(), 2);
        ByteBuffer b = le(wire);
        assertEquals(2, b.getInt(0));
        assertEquals(42, b.getShort(4));
        assertEquals(3, b.getShort(6));
        assertEquals(T, b.getLong(8));                 // LogonTime
        assertEquals(NtTime.NEVER, b.getLong(16));     // LogoffTime
        assertEquals(NtTime.NEVER, b.getLong(24));     // KickOffTime
        assertEquals(T - 1, b.getLong(32));            // PasswordLastSet
        assertEquals(T + 1, b.getLong(40));            // PasswordCanChange
        assertEquals(0, b.getLong(48));                // PasswordMustChange
        assertEquals(0x20, b.getInt(152));             // UserFlags
        // LogonScript is the first string, right after the fixed part
        assertEquals(18, b.getShort(56));
        assertEquals(160L, b.getLong(64));
        assertArrayEquals(utf16("logon.cmd"), Arrays.copyOfRange(wire, 160, 178));
        // HomeDirectoryDrive at 120, LogonServer at 136
        int drive = (int) b.getLong(128);
        assertArrayEquals(utf16("H:"), Arrays.copyOfRange(wire, drive, drive + b.getShort(120)));
        int server = (int) b.getLong(144);
        assertArrayEquals(utf16("DC01"), Arrays.copyOfRange(wire, server, server + b.getShort(136)));
    }

    @Test
    void countsAreUshorts() {
        assertThrows(IllegalArgumentException.class,
                () -> new InteractiveProfile(0x10000, 0, 0, 0, 0, 0, 0, 0, "", "", "", "", "", "", 0));
        assertThrows(IllegalArgumentException.class,
                () -> new InteractiveProfile(0, -1, 0, 0, 0, 0, 0, 0, "", "", "", "", "", "", 0));
    }
}
