package org.openlsa.ipc;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import org.openlsa.crypto.SecretBytes;

/**
 * Writes frames (docs/ipc.md, "Frames"): each frame leaves in a single {@code write} of length and payload, so
 * writers that share a stream under a lock never interleave half frames. The temporary frame buffer is a secret
 * destroyed after the write (payloads may hold passwords); the caller zeroes its own payload.
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
        int n = payload.length;
        try (SecretBytes frame = SecretBytes.allocate(4 + n)) { // the payload may hold a password
            frame.read(f -> {
                f[0] = (byte) n;
                f[1] = (byte) (n >>> 8);
                f[2] = (byte) (n >>> 16);
                f[3] = (byte) (n >>> 24);
                System.arraycopy(payload, 0, f, 4, n);
                out.write(f);
                out.flush();
                return null;
            });
        }
    }
}
