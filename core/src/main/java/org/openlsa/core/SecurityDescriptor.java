package org.openlsa.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A security descriptor (MS-DTYP 2.4.6) in its self-relative form: {Revision 1; Sbz1; USHORT Control;
 * ULONG OffsetOwner, OffsetGroup, OffsetSacl, OffsetDacl} then the parts those offsets point at.
 *
 * <p>{@code owner} and {@code group} may be null (absent). The DACL follows Windows' three cases:
 * {@link #SE_DACL_PRESENT} clear means no DACL (everyone gets all access), present with a null {@code dacl} is a
 * NULL DACL (the same), present with an {@link Acl} is that ACL (an empty one grants nothing). SACLs are not modelled:
 * {@link #SE_SACL_PRESENT} may be set only for a NULL SACL, and a binary form that carries a SACL is refused.
 * {@link #SE_SELF_RELATIVE} is always set, as in the only form this type has.
 */
public record SecurityDescriptor(int control, Sid owner, Sid group, Acl dacl) {
    public static final int REVISION = 1;
    public static final int SE_OWNER_DEFAULTED = 0x0001;
    public static final int SE_GROUP_DEFAULTED = 0x0002;
    public static final int SE_DACL_PRESENT = 0x0004;
    public static final int SE_DACL_DEFAULTED = 0x0008;
    public static final int SE_SACL_PRESENT = 0x0010;
    public static final int SE_SACL_DEFAULTED = 0x0020;
    public static final int SE_DACL_TRUSTED = 0x0040;
    public static final int SE_SERVER_SECURITY = 0x0080;
    public static final int SE_DACL_AUTO_INHERIT_REQ = 0x0100;
    public static final int SE_SACL_AUTO_INHERIT_REQ = 0x0200;
    public static final int SE_DACL_AUTO_INHERITED = 0x0400;
    public static final int SE_SACL_AUTO_INHERITED = 0x0800;
    public static final int SE_DACL_PROTECTED = 0x1000;
    public static final int SE_SACL_PROTECTED = 0x2000;
    public static final int SE_RM_CONTROL_VALID = 0x4000;
    public static final int SE_SELF_RELATIVE = 0x8000;

    private static final int HEADER = 20;

    public SecurityDescriptor {
        if (control < 0 || control > 0xFFFF) {
            throw new IllegalArgumentException("security descriptor control is 16 bits: " + control);
        }
        control |= SE_SELF_RELATIVE;
        if (dacl != null && (control & SE_DACL_PRESENT) == 0) {
            throw new IllegalArgumentException("a DACL without SE_DACL_PRESENT");
        }
    }

    /** Owner, group and a DACL (SE_DACL_PRESENT set; a null {@code dacl} is a NULL DACL). */
    public static SecurityDescriptor of(Sid owner, Sid group, Acl dacl) {
        return new SecurityDescriptor(SE_DACL_PRESENT, owner, group, dacl);
    }

    public boolean daclPresent() {
        return (control & SE_DACL_PRESENT) != 0;
    }

    /** True when the DACL gives everyone all access: not present, or a NULL DACL. */
    public boolean grantsAllByDacl() {
        return dacl == null;
    }

    /**
     * This descriptor with the generic rights in its ACEs mapped (what CreatePrivateObjectSecurity does when a
     * resource manager stores a descriptor): an access check compares ACE masks with the mapped desired access, so a
     * {@code GA} ACE grants nothing specific until mapped.
     */
    public SecurityDescriptor withGenericRightsMapped(GenericMapping mapping) {
        if (dacl == null) {
            return this;
        }
        List<Ace> aces = new ArrayList<>();
        for (Ace a : dacl.aces()) {
            aces.add(new Ace(a.type(), a.flags(), mapping.map(a.accessMask()), a.sid()));
        }
        return new SecurityDescriptor(control, owner, group, new Acl(aces));
    }

    public int byteLength() {
        return HEADER + (dacl == null ? 0 : dacl.byteLength()) + (owner == null ? 0 : owner.byteLength())
                + (group == null ? 0 : group.byteLength());
    }

    /** The self-relative binary form, laid out as MakeSelfRelativeSD does: header, DACL, owner, group. */
    public byte[] toBytes() {
        byte[] out = new byte[byteLength()];
        out[0] = REVISION;
        putU16(out, 2, control);
        int o = HEADER;
        if (dacl != null) {
            putU32(out, 16, o);
            byte[] b = dacl.toBytes();
            System.arraycopy(b, 0, out, o, b.length);
            o += b.length;
        }
        if (owner != null) {
            putU32(out, 4, o);
            byte[] b = owner.toBytes();
            System.arraycopy(b, 0, out, o, b.length);
            o += b.length;
        }
        if (group != null) {
            putU32(out, 8, o);
            byte[] b = group.toBytes();
            System.arraycopy(b, 0, out, o, b.length);
        }
        return out;
    }

    /**
     * Decodes the self-relative binary form, the inverse of {@link #toBytes()}. Revision 1, SE_SELF_RELATIVE set,
     * every non-zero offset at or after the 20-byte header and its part wholly inside {@code bytes}; a SACL is refused;
     * OffsetDacl is read only when SE_DACL_PRESENT is set (zero there is a NULL DACL). Parts may lie in any order and
     * the buffer may have unused space, as MS-DTYP allows; Sbz1 (the resource manager control) is ignored.
     *
     * @throws IllegalArgumentException naming the violated bound, on every malformed input
     */
    public static SecurityDescriptor fromBytes(byte[] bytes) {
        int size = bytes.length;
        if (size < HEADER) {
            throw new IllegalArgumentException("a self-relative security descriptor has at least " + HEADER
                    + " bytes, got " + size);
        }
        if (bytes[0] != REVISION) {
            throw new IllegalArgumentException("unsupported security descriptor revision " + (bytes[0] & 0xFF) + " (1)");
        }
        int control = u16(bytes, 2);
        if ((control & SE_SELF_RELATIVE) == 0) {
            throw new IllegalArgumentException("SE_SELF_RELATIVE is not set: an absolute descriptor has no binary form");
        }
        long ownerOffset = u32(bytes, 4);
        long groupOffset = u32(bytes, 8);
        long saclOffset = u32(bytes, 12);
        long daclOffset = u32(bytes, 16);
        if ((control & SE_SACL_PRESENT) != 0 && saclOffset != 0) {
            throw new IllegalArgumentException("the descriptor carries a SACL, which this model does not support");
        }
        Sid owner = ownerOffset == 0 ? null : sidAt(bytes, ownerOffset, "OffsetOwner");
        Sid group = groupOffset == 0 ? null : sidAt(bytes, groupOffset, "OffsetGroup");
        Acl dacl = null;
        if ((control & SE_DACL_PRESENT) != 0 && daclOffset != 0) {
            int o = checkOffset(bytes, daclOffset, 8, "OffsetDacl");
            int aclSize = u16(bytes, o + 2);
            if (aclSize > size - o) {
                throw new IllegalArgumentException("OffsetDacl " + o + ": AclSize " + aclSize + " overruns the "
                        + size + "-byte descriptor");
            }
            dacl = Acl.fromBytes(Arrays.copyOfRange(bytes, o, o + aclSize));
        }
        return new SecurityDescriptor(control, owner, group, dacl);
    }

    private static Sid sidAt(byte[] bytes, long offset, String field) {
        int o = checkOffset(bytes, offset, 8, field);
        int count = bytes[o + 1] & 0xFF;
        if (count > Sid.MAX_SUB_AUTHORITIES) {
            throw new IllegalArgumentException(field + " " + o + ": SID claims " + count + " sub-authorities (max 15)");
        }
        int length = 8 + 4 * count;
        if (length > bytes.length - o) {
            throw new IllegalArgumentException(field + " " + o + ": the " + length + "-byte SID overruns the "
                    + bytes.length + "-byte descriptor");
        }
        return Sid.fromBytes(Arrays.copyOfRange(bytes, o, o + length));
    }

    /** The offset as an int, after checking that {@code minimum} bytes from it lie after the header and inside. */
    private static int checkOffset(byte[] bytes, long offset, int minimum, String field) {
        if (offset < HEADER || offset > bytes.length - minimum) {
            throw new IllegalArgumentException(field + " " + offset + " is not inside the " + bytes.length
                    + "-byte descriptor after its " + HEADER + "-byte header (needs " + minimum + " bytes there)");
        }
        return (int) offset;
    }

    private static int u16(byte[] b, int o) {
        return (b[o] & 0xFF) | (b[o + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int o) {
        return Integer.toUnsignedLong(u16(b, o) | u16(b, o + 2) << 16);
    }

    private static void putU16(byte[] b, int o, int v) {
        b[o] = (byte) v;
        b[o + 1] = (byte) (v >>> 8);
    }

    private static void putU32(byte[] b, int o, int v) {
        putU16(b, o, v);
        putU16(b, o + 2, v >>> 16);
    }

    /** The SDDL form ({@link Sddl#print}). */
    public String toSddl() {
        return Sddl.print(this);
    }

    /** Parses SDDL ({@link Sddl#parse}). */
    public static SecurityDescriptor parseSddl(String sddl) {
        return Sddl.parse(sddl);
    }
}
