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
