package org.openlsa.ntlmssp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.openlsa.ntlmssp.internal.Bytes;

/**
 * One AV_PAIR (MS-NLMP 2.2.2.1): {@code AvId (2) | AvLen (2) | Value (AvLen)}. The id stays an integer so that ids
 * this code does not know survive a round trip. MsvAvEOL is not a pair of a {@link TargetInfo} but its terminator,
 * written by the encoder; the known fixed-size values (MsvAvFlags 4 bytes, MsvAvTimestamp 8, MsvAvChannelBindings
 * 16) must have their size and name values an even length, so that every accessor of {@link TargetInfo} is total.
 */
public record AvPair(int avId, byte[] value) {
    /** The largest AvLen. */
    public static final int MAX_VALUE_BYTES = 0xFFFF;

    public AvPair {
        value = Bytes.copy(value, "value");
        String problem = problem(avId, value.length);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** Why a pair with this id and value length cannot exist, or null when it can (shared with the decoder). */
    static String problem(int avId, int length) {
        if (avId < 0 || avId > 0xFFFF) {
            return "AvId " + avId + " is not a 16-bit value";
        }
        if (length > MAX_VALUE_BYTES) {
            return "AvLen " + length + " exceeds " + MAX_VALUE_BYTES;
        }
        Optional<AvId> known = AvId.fromValue(avId);
        if (known.isEmpty()) {
            return null;
        }
        AvId id = known.get();
        if (id == AvId.MsvAvEOL) {
            return "MsvAvEOL terminates the list and is not a pair of it";
        }
        if (id.fixedLength() >= 0 && length != id.fixedLength()) {
            return id + " must be " + id.fixedLength() + " bytes, not " + length;
        }
        if (id.isName() && (length & 1) != 0) {
            return id + " holds UTF-16LE and cannot have the odd length " + length;
        }
        return null;
    }

    /** A name pair (MsvAvNbComputerName, MsvAvDnsDomainName, ...): the UTF-16LE name without a NUL. */
    public static AvPair ofName(AvId id, String name) {
        if (!id.isName()) {
            throw new IllegalArgumentException(id + " does not hold a name");
        }
        return new AvPair(id.value(), name.getBytes(StandardCharsets.UTF_16LE));
    }

    /** MsvAvFlags (little-endian 32 bits). */
    public static AvPair ofFlags(int flags) {
        return new AvPair(AvId.MsvAvFlags.value(), le(flags, Integer.BYTES));
    }

    /** MsvAvTimestamp: a FILETIME (100 ns since 1601-01-01 UTC, little-endian 64 bits). */
    public static AvPair ofTimestamp(long fileTime) {
        return new AvPair(AvId.MsvAvTimestamp.value(), le(fileTime, Long.BYTES));
    }

    private static byte[] le(long v, int size) {
        ByteBuffer b = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(v);
        return Arrays.copyOf(b.array(), size);
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    public Optional<AvId> knownId() {
        return AvId.fromValue(avId);
    }

    /** The value as a little-endian integer (for MsvAvFlags, MsvAvTimestamp); {@code value.length <= 8}. */
    long littleEndian() {
        long v = 0;
        for (int i = value.length - 1; i >= 0; i--) {
            v = v << 8 | (value[i] & 0xFF);
        }
        return v;
    }

    /** The value as UTF-16LE text; malformed surrogates become U+FFFD (names are informational). */
    String text() {
        return new String(value, StandardCharsets.UTF_16LE);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AvPair p && p.avId == avId && Arrays.equals(p.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * avId + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return knownId().map(AvId::name).orElse("AvId(" + avId + ")") + "=" + Bytes.hex(value);
    }
}
