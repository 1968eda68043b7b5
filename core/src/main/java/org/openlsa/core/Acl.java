package org.openlsa.core;

import java.util.Arrays;
import java.util.List;

/**
 * An access control list (MS-DTYP 2.4.5): {AclRevision 2; Sbz1; USHORT AclSize; USHORT AceCount; Sbz2} followed by
 * its ACEs. Immutable; its encoded size always fits the 16-bit AclSize.
 */
public record Acl(List<Ace> aces) {
    public static final int ACL_REVISION = 2;
    private static final int HEADER = 8;

    public Acl {
        aces = List.copyOf(aces);
        int size = HEADER + aces.stream().mapToInt(Ace::byteLength).sum();
        if (size > 0xFFFF) {
            throw new IllegalArgumentException("ACL of " + size + " bytes exceeds the 65535-byte AclSize field");
        }
    }

    public static Acl of(Ace... aces) {
        return new Acl(Arrays.asList(aces));
    }

    public int byteLength() {
        return HEADER + aces.stream().mapToInt(Ace::byteLength).sum();
    }

    /**
     * Decodes the binary form (MS-DTYP 2.4.5), the inverse of {@link #toBytes()}: AclRevision 2 (or 4, ACL_REVISION_DS),
     * AclSize equal to {@code bytes.length}, then AceCount ACEs of type ACCESS_ALLOWED or ACCESS_DENIED, each with an
     * AceSize of at least 8 + its SID and lying inside the ACL. Sbz1/Sbz2 are ignored, and so is free space after the
     * last ACE (MS-DTYP allows AclSize to exceed what the ACEs use).
     *
     * @throws IllegalArgumentException naming the violated bound
     */
    public static Acl fromBytes(byte[] bytes) {
        int size = bytes.length;
        if (size < HEADER) {
            throw new IllegalArgumentException("a binary ACL has at least " + HEADER + " bytes, got " + size);
        }
        int revision = bytes[0] & 0xFF;
        if (revision != ACL_REVISION && revision != 4) {
            throw new IllegalArgumentException("unsupported ACL revision " + revision + " (2 or 4)");
        }
        int aclSize = u16(bytes, 2);
        if (aclSize != size) {
            throw new IllegalArgumentException("AclSize " + aclSize + " differs from the " + size + "-byte buffer");
        }
        int count = u16(bytes, 4);
        // The smallest ACE (a SID without sub-authorities) has 16 bytes: bound the count before allocating.
        if (count > (size - HEADER) / 16) {
            throw new IllegalArgumentException("AceCount " + count + " does not fit a " + size + "-byte ACL");
        }
        Ace[] aces = new Ace[count];
        int o = HEADER;
        for (int i = 0; i < count; i++) {
            if (o > size - 16) {
                throw new IllegalArgumentException("ACE " + i + " at offset " + o + " needs 16 bytes inside the "
                        + size + "-byte ACL");
            }
            int typeValue = bytes[o] & 0xFF;
            int index = i;
            AceType type = AceType.fromValue(typeValue).orElseThrow(() -> new IllegalArgumentException(
                    "ACE " + index + ": unsupported AceType " + typeValue + " (0 allowed, 1 denied)"));
            int flags = bytes[o + 1] & 0xFF;
            int aceSize = u16(bytes, o + 2);
            int mask = u16(bytes, o + 4) | u16(bytes, o + 6) << 16;
            int subCount = bytes[o + 9] & 0xFF;
            if (subCount > Sid.MAX_SUB_AUTHORITIES) {
                throw new IllegalArgumentException("ACE " + i + ": SID claims " + subCount + " sub-authorities (max 15)");
            }
            int sidLength = 8 + 4 * subCount;
            if (aceSize < 8 + sidLength) {
                throw new IllegalArgumentException("ACE " + i + ": AceSize " + aceSize + " is less than 8 + its "
                        + sidLength + "-byte SID");
            }
            if (aceSize > size - o) {
                throw new IllegalArgumentException("ACE " + i + ": AceSize " + aceSize + " at offset " + o
                        + " overruns the " + size + "-byte ACL");
            }
            aces[i] = new Ace(type, flags, mask, Sid.fromBytes(Arrays.copyOfRange(bytes, o + 8, o + 8 + sidLength)));
            o += aceSize;
        }
        return new Acl(Arrays.asList(aces));
    }

    private static int u16(byte[] b, int o) {
        return (b[o] & 0xFF) | (b[o + 1] & 0xFF) << 8;
    }

    /** The self-relative binary form. */
    public byte[] toBytes() {
        int size = byteLength();
        byte[] out = new byte[size];
        out[0] = ACL_REVISION;
        putU16(out, 2, size);
        putU16(out, 4, aces.size());
        int o = HEADER;
        for (Ace ace : aces) {
            out[o] = (byte) ace.type().value();
            out[o + 1] = (byte) ace.flags();
            putU16(out, o + 2, ace.byteLength());
            int m = ace.accessMask();
            out[o + 4] = (byte) m;
            out[o + 5] = (byte) (m >>> 8);
            out[o + 6] = (byte) (m >>> 16);
            out[o + 7] = (byte) (m >>> 24);
            byte[] sid = ace.sid().toBytes();
            System.arraycopy(sid, 0, out, o + 8, sid.length);
            o += ace.byteLength();
        }
        return out;
    }

    private static void putU16(byte[] b, int o, int v) {
        b[o] = (byte) v;
        b[o + 1] = (byte) (v >>> 8);
    }

    /** SDDL DACL form: {@code D:(A;;GA;;;S-1-5-21-...-1000)(A;;GA;;;S-1-5-18)}. */
    public String toSddl() {
        StringBuilder b = new StringBuilder("D:");
        aces.forEach(a -> b.append(a.toSddl()));
        return b.toString();
    }
}
