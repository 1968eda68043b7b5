package org.openlsa.ipc;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads frames ({@code u32 length}, then {@code length} bytes; docs/ipc.md, "Frames") from a stream. A hostile
 * length never makes it allocate more than {@code maxFrameBytes}: the length is checked before the payload buffer
 * exists. Not thread-safe; one reader per connection direction. It reads a stream, not a buffer, so it is not built
 * on core's {@code BoundedCursor}: its one bound is the frame length against {@code maxFrameBytes}, and the payload
 * it returns is then read by {@link BodyReader}, which is.
 *
 * <p>It never reads ahead: each read asks for no more than the rest of the current frame, so a byte after a frame
 * stays in the socket. That matters for the descriptors of a process request ({@link UnixRights}): a plain read of
 * their byte would make the kernel close them.
 */
public final class FrameReader {
    private final InputStream in;
    private final int maxFrameBytes;

    public FrameReader(InputStream in, int maxFrameBytes) {
        this.in = Objects.requireNonNull(in, "in");
        if (maxFrameBytes < 1) {
            throw new IllegalArgumentException("maxFrameBytes must be positive: " + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    public FrameReader(InputStream in) {
        this(in, Protocol.DEFAULT_MAX_FRAME_BYTES);
    }

    /**
     * The next frame's payload, or empty when the stream ends cleanly between frames.
     *
     * @throws ProtocolException for a zero or oversized length, or a stream that ends inside a frame
     */
    public Optional<byte[]> next() throws IOException, ProtocolException {
        byte[] header = new byte[4];
        int got = in.readNBytes(header, 0, 4);
        if (got == 0) {
            return Optional.empty();
        }
        if (got < 4) {
            throw new ProtocolException("stream ended inside a frame length (" + got + " of 4 bytes)");
        }
        long length = Integer.toUnsignedLong((header[0] & 0xFF) | (header[1] & 0xFF) << 8 | (header[2] & 0xFF) << 16
                | (header[3] & 0xFF) << 24);
        if (length == 0) {
            throw new ProtocolException("empty frame (the length must be 1.." + maxFrameBytes + ")");
        }
        if (length > maxFrameBytes) {
            throw new ProtocolException("frame of " + length + " bytes exceeds the " + maxFrameBytes + "-byte limit");
        }
        byte[] payload = new byte[(int) length];
        int read = in.readNBytes(payload, 0, payload.length);
        if (read < payload.length) {
            java.util.Arrays.fill(payload, (byte) 0); // may hold part of a secret
            throw new ProtocolException("stream ended inside a frame (" + read + " of " + length + " payload bytes)");
        }
        return Optional.of(payload);
    }
}
