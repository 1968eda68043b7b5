package org.openlsa.pac;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.openlsa.pac.internal.NdrReader;
import org.openlsa.pac.internal.NdrWriter;

/**
 * Codec of the whole PAC ([MS-PAC] 2.3, 2.4):
 *
 * <pre>
 * PACTYPE          ULONG cBuffers; ULONG Version (0); PAC_INFO_BUFFER Buffers[cBuffers]
 * PAC_INFO_BUFFER  ULONG ulType; ULONG cbBufferSize; ULONG64 Offset
 * </pre>
 *
 * each buffer's data at its Offset, a multiple of 8, all little-endian. Encoding writes the buffers in order right
 * after the array, each padded with zeros to the next multiple of 8 (the last one too, as Windows and Samba do).
 *
 * <p>Decoding accepts nothing it could misread: Version 0 only, each buffer 8-aligned, after the header, inside the
 * data, not overlapping another, each type once; and each buffer must decode by its type. Every failure is a
 * {@link PacFormatException}; allocation never exceeds a small multiple of the input.
 */
public final class PacCodec {
    private PacCodec() {}

    static final int PACTYPE_SIZE = 8;
    static final int INFO_BUFFER_SIZE = 16;
    static final int ALIGNMENT = 8;

    /** An encoding with where each buffer of {@code pac} lies in {@code bytes} (same order as the buffers). */
    record Layout(Pac pac, byte[] bytes, int[] offsets, int[] sizes) {}

    public static Pac decode(byte[] encoded) throws PacFormatException {
        return decodeLayout(encoded).pac();
    }

    public static byte[] encode(Pac pac) {
        return encodeLayout(pac).bytes();
    }

    static Layout decodeLayout(byte[] encoded) throws PacFormatException {
        NdrReader r = NdrReader.over(encoded);
        long count = Integer.toUnsignedLong(r.u32("PACTYPE cBuffers"));
        int version = r.u32("PACTYPE Version");
        if (version != Pac.VERSION) {
            throw new PacFormatException("PACTYPE Version " + Integer.toUnsignedString(version) + " is not 0");
        }
        if (count > r.remaining() / INFO_BUFFER_SIZE) {
            throw new PacFormatException("PACTYPE cBuffers " + count + " does not fit the " + encoded.length + " bytes");
        }
        int n = (int) count;
        long headerEnd = PACTYPE_SIZE + (long) INFO_BUFFER_SIZE * n;
        int[] types = new int[n];
        int[] offsets = new int[n];
        int[] sizes = new int[n];
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            types[i] = r.u32("ulType");
            long size = Integer.toUnsignedLong(r.u32("cbBufferSize"));
            long offset = r.u64("Offset");
            String what = "PAC_INFO_BUFFER " + i + " (type " + Integer.toUnsignedString(types[i]) + ")";
            if (offset < headerEnd || offset % ALIGNMENT != 0 || offset > encoded.length
                    || size > encoded.length - offset) {
                throw new PacFormatException(what + ": Offset " + Long.toUnsignedString(offset) + " and cbBufferSize "
                        + size + " must be 8-aligned, after the " + headerEnd + "-byte header and inside the "
                        + encoded.length + " bytes");
            }
            if (!seen.add(types[i])) {
                throw new PacFormatException(what + ": the type appears twice");
            }
            offsets[i] = (int) offset;
            sizes[i] = (int) size;
        }
        checkNoOverlap(offsets, sizes);
        List<PacBuffer> buffers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            NdrReader body = r.slice(offsets[i], sizes[i], "buffer " + i);
            buffers.add(PacBufferCodec.decode(types[i], body));
        }
        try {
            return new Layout(new Pac(buffers), encoded.clone(), offsets, sizes);
        } catch (IllegalArgumentException e) {
            throw new PacFormatException("PAC: " + e.getMessage());
        }
    }

    private static void checkNoOverlap(int[] offsets, int[] sizes) throws PacFormatException {
        Integer[] order = new Integer[offsets.length];
        Arrays.setAll(order, i -> i);
        // By offset, empty buffers first among equals, so the verdict does not depend on the header's order.
        Arrays.sort(order, (a, b) -> offsets[a] != offsets[b] ? Integer.compare(offsets[a], offsets[b])
                : Integer.compare(sizes[a], sizes[b]));
        for (int k = 1; k < order.length; k++) {
            int prev = order[k - 1];
            int next = order[k];
            if ((long) offsets[prev] + sizes[prev] > offsets[next]) {
                throw new PacFormatException("PAC buffers " + prev + " and " + next + " overlap");
            }
        }
    }

    static Layout encodeLayout(Pac pac) {
        List<PacBuffer> buffers = pac.buffers();
        int n = buffers.size();
        byte[][] bodies = new byte[n][];
        int[] offsets = new int[n];
        int[] sizes = new int[n];
        long pos = PACTYPE_SIZE + (long) INFO_BUFFER_SIZE * n;
        for (int i = 0; i < n; i++) {
            bodies[i] = PacBufferCodec.encode(buffers.get(i));
            offsets[i] = (int) pos;
            sizes[i] = bodies[i].length;
            pos = (pos + sizes[i] + ALIGNMENT - 1) & -ALIGNMENT;
            if (pos > NdrWriter.MAX_SIZE) {
                throw new IllegalArgumentException("PAC encoding exceeds " + NdrWriter.MAX_SIZE + " bytes");
            }
        }
        NdrWriter w = new NdrWriter();
        w.u32(n).u32(Pac.VERSION);
        for (int i = 0; i < n; i++) {
            w.u32(buffers.get(i).type()).u32(sizes[i]).u64(offsets[i]);
        }
        for (int i = 0; i < n; i++) {
            w.bytes(bodies[i]).align(ALIGNMENT);
        }
        return new Layout(pac, w.toBytes(), offsets, sizes);
    }
}
