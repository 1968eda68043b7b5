package org.openlsa.ipc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FrameTest {
    private static FrameReader reader(String hex) {
        return new FrameReader(new ByteArrayInputStream(HexFormat.of().parseHex(hex)));
    }

    @Test
    void framesRoundTripAndEndCleanly() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameWriter w = new FrameWriter(out);
        w.write(new byte[] {1, 2, 3});
        w.write(new byte[] {4});
        assertEquals("03000000010203" + "0100000004", HexFormat.of().formatHex(out.toByteArray()));
        FrameReader r = new FrameReader(new ByteArrayInputStream(out.toByteArray()));
        assertArrayEquals(new byte[] {1, 2, 3}, r.next().orElseThrow());
        assertArrayEquals(new byte[] {4}, r.next().orElseThrow());
        assertEquals(Optional.empty(), r.next());
        assertEquals(Optional.empty(), r.next());
        assertEquals(Optional.empty(), reader("").next());
    }

    @Test
    void endOfStreamInsideAFrameIsAProtocolError() {
        assertThrows(ProtocolException.class, () -> reader("03").next());
        assertThrows(ProtocolException.class, () -> reader("030000").next());
        assertThrows(ProtocolException.class, () -> reader("03000000").next());
        assertThrows(ProtocolException.class, () -> reader("030000000102").next());
        FrameReader r = reader("0100000004" + "020000");
        assertThrows(ProtocolException.class, () -> {
            r.next();
            r.next();
        });
    }

    @Test
    void emptyFrameIsAProtocolError() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> reader("00000000").next());
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void oversizedLengthIsRefusedBeforeAllocating() {
        long before = allocatedBytes();
        ProtocolException e = assertThrows(ProtocolException.class, () -> reader("ffffffff" + "00".repeat(16)).next());
        long allocated = allocatedBytes() - before;
        assertTrue(e.getMessage().contains("4294967295"), e.getMessage());
        assertTrue(allocated < 256 * 1024, "allocated " + allocated + " bytes");
        assertThrows(ProtocolException.class, () -> reader("01001000" + "00").next()); // 1 MiB + 1
        assertThrows(ProtocolException.class,
                () -> new FrameReader(new ByteArrayInputStream(HexFormat.of().parseHex("0500000001020304")), 4).next());
    }

    @Test
    void writerSendsEachFrameInOneWriteAndRefusesBadSizes() throws IOException {
        int[] writes = {0};
        OutputStream counting = new OutputStream() {
            @Override
            public void write(int b) {
                writes[0] += 1000; // single-byte writes would be a split frame
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writes[0]++;
            }
        };
        FrameWriter w = new FrameWriter(counting, 8);
        w.write(new byte[8]);
        assertEquals(1, writes[0]);
        assertThrows(IllegalArgumentException.class, () -> w.write(new byte[9]));
        assertThrows(IllegalArgumentException.class, () -> w.write(new byte[0]));
        assertEquals(1, writes[0]);
    }

    /** com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes, reflectively (tests compile inside the module). */
    private static long allocatedBytes() {
        try {
            Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
            return (long) Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes")
                    .invoke(bean);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
