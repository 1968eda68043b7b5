package org.openlsa.ipc;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * Writes frames (docs/ipc.md, "Frames"): each frame leaves in a single {@code write} of length and payload, so
 * writers that share a stream under a lock never interleave half frames. The temporary frame buffer is zeroed after
 * the write (payloads may hold passwords); the caller zeroes its own payload.
 */
public final class FrameWriter {
    private final OutputStream out;
    private final int maxFrameBytes;

    public FrameWriter(OutputStream out, int maxFrameBytes) {
        this.out = Objects.requireNonNull(out, "out");
        if (maxFrameBytes < 1) {
            throw new IllegalArgumentException("maxFrameBytes must be positive: " + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    public FrameWriter(OutputStream out) {
        this(out, Protocol.DEFAULT_MAX_FRAME_BYTES);
    }

    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    /** @throws IllegalArgumentException for an empty payload or one larger than {@code maxFrameBytes} */
    public void write(byte[] payload) throws IOException {
        if (payload.length == 0 || payload.length > maxFrameBytes) {
            throw new IllegalArgumentException("a frame payload has 1.." + maxFrameBytes + " bytes, not "
                    + payload.length);
        }
        byte[] frame = new byte[4 + payload.length];
        int n = payload.length;
        frame[0] = (byte) n;
        frame[1] = (byte) (n >>> 8);
        frame[2] = (byte) (n >>> 16);
        frame[3] = (byte) (n >>> 24);
        System.arraycopy(payload, 0, frame, 4, n);
        try {
            out.write(frame);
            out.flush();
        } finally {
            Arrays.fill(frame, (byte) 0);
        }
    }
}
