package org.openlsa.core;

import java.util.Arrays;
import java.util.Locale;

/**
 * A security identifier (MS-DTYP 2.4.2). Immutable and always valid: revision 1, an identifier authority of at
 * most 48 bits, at most 15 sub-authorities of 32 bits each.
 *
 * <p>Text form {@code S-1-5-21-1-2-3} (the authority in decimal below 2^32, else {@code 0x} and 12 hex digits,
 * as ConvertSidToStringSid writes it); binary form MS-DTYP 2.4.2.2: revision, sub-authority count, the authority
 * big-endian in 6 bytes, then each sub-authority little-endian. Ordering: authority, then sub-authorities
 * compared as unsigned numbers one by one, a shorter prefix first.
 */
public final class Sid implements Comparable<Sid> {
    public static final int MAX_SUB_AUTHORITIES = 15;
    private static final long MAX_AUTHORITY = (1L << 48) - 1;

    private final long authority;
    private final int[] subAuthorities;
    private final int hash;

    private Sid(long authority, int[] subAuthorities) {
        if (authority < 0 || authority > MAX_AUTHORITY) {
            throw new IllegalArgumentException("SID identifier authority must fit in 48 bits: " + authority);
        }
        if (subAuthorities.length > MAX_SUB_AUTHORITIES) {
            throw new IllegalArgumentException("a SID has at most 15 sub-authorities, not " + subAuthorities.length);
        }
        this.authority = authority;
        this.subAuthorities = subAuthorities;
        this.hash = Long.hashCode(authority) * 31 + Arrays.hashCode(subAuthorities);
    }

    /** A SID from its authority and sub-authorities (each an unsigned 32-bit value held in an int). */
    public static Sid of(long authority, int... subAuthorities) {
        return new Sid(authority, subAuthorities.clone());
    }

    /**
     * Parses the text form.
     *
     * @throws IllegalArgumentException with the reason when the text is not a valid SID
     */
    public static Sid parse(String text) {
        String[] parts = text.strip().split("-", -1);
        if (parts.length < 3 || !parts[0].equalsIgnoreCase("S")) {
            throw new IllegalArgumentException("not a SID (expected S-1-<authority>[-<sub>...]): '" + text + "'");
        }
        if (!parts[1].equals("1")) {
            throw new IllegalArgumentException("unsupported SID revision '" + parts[1] + "' in '" + text + "'");
        }
        long authority;
        try {
            // Digits only: Long.parseLong alone would also take a sign.
            boolean hex = parts[2].regionMatches(true, 0, "0x", 0, 2);
            String digits = hex ? parts[2].substring(2) : parts[2];
            if (digits.isEmpty() || !digits.chars().allMatch(c -> hex ? Character.digit(c, 16) >= 0 : c >= '0' && c <= '9')) {
                throw new NumberFormatException(parts[2]);
            }
            authority = Long.parseLong(digits, hex ? 16 : 10);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad SID identifier authority '" + parts[2] + "' in '" + text + "'");
        }
        int count = parts.length - 3;
        if (count > MAX_SUB_AUTHORITIES) {
            throw new IllegalArgumentException("a SID has at most 15 sub-authorities: '" + text + "'");
        }
        int[] subs = new int[count];
        for (int i = 0; i < count; i++) {
            String p = parts[i + 3];
            if (p.isEmpty() || p.length() > 10 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("bad SID sub-authority '" + p + "' in '" + text + "'");
            }
            long v = Long.parseLong(p);
            if (v > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("SID sub-authority " + p + " exceeds 32 bits in '" + text + "'");
            }
            subs[i] = (int) v;
        }
        return new Sid(authority, subs);
    }

    /** True when {@link #parse} would accept the text. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Decodes the binary form, which must fill {@code bytes} exactly.
     *
     * @throws IllegalArgumentException naming the violated bound
     */
    public static Sid fromBytes(byte[] bytes) {
        if (bytes.length < 8) {
            throw new IllegalArgumentException("a binary SID has at least 8 bytes, got " + bytes.length);
        }
        if (bytes[0] != 1) {
            throw new IllegalArgumentException("unsupported SID revision " + bytes[0]);
        }
        int count = bytes[1] & 0xFF;
        if (count > MAX_SUB_AUTHORITIES) {
            throw new IllegalArgumentException("binary SID claims " + count + " sub-authorities (max 15)");
        }
        if (bytes.length != 8 + 4 * count) {
            throw new IllegalArgumentException("binary SID with " + count + " sub-authorities needs " + (8 + 4 * count)
                    + " bytes, got " + bytes.length);
        }
        long authority = 0;
        for (int i = 2; i < 8; i++) {
            authority = (authority << 8) | (bytes[i] & 0xFF);
        }
        int[] subs = new int[count];
        for (int i = 0; i < count; i++) {
            int o = 8 + 4 * i;
            subs[i] = (bytes[o] & 0xFF) | (bytes[o + 1] & 0xFF) << 8 | (bytes[o + 2] & 0xFF) << 16 | (bytes[o + 3] & 0xFF) << 24;
        }
        return new Sid(authority, subs);
    }

    public byte[] toBytes() {
        byte[] out = new byte[byteLength()];
        out[0] = 1;
        out[1] = (byte) subAuthorities.length;
        for (int i = 0; i < 6; i++) {
            out[2 + i] = (byte) (authority >>> (8 * (5 - i)));
        }
        for (int i = 0; i < subAuthorities.length; i++) {
            int v = subAuthorities[i];
            int o = 8 + 4 * i;
            out[o] = (byte) v;
            out[o + 1] = (byte) (v >>> 8);
            out[o + 2] = (byte) (v >>> 16);
            out[o + 3] = (byte) (v >>> 24);
        }
        return out;
    }

    /** GetLengthSid(): 8 + 4 bytes per sub-authority. */
    public int byteLength() {
        return 8 + 4 * subAuthorities.length;
    }

    public long identifierAuthority() {
        return authority;
    }

    public int subAuthorityCount() {
        return subAuthorities.length;
    }

    /** Sub-authority {@code i} as an unsigned value. */
    public long subAuthority(int i) {
        return Integer.toUnsignedLong(subAuthorities[i]);
    }

    /** The last sub-authority (the RID of an account SID). */
    public long rid() {
        if (subAuthorities.length == 0) {
            throw new IllegalStateException(this + " has no sub-authorities, hence no RID");
        }
        return subAuthority(subAuthorities.length - 1);
    }

    /** This SID with one more sub-authority: the account SID of {@code rid} in this domain. */
    public Sid append(long rid) {
        if (rid < 0 || rid > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("RID must be an unsigned 32-bit value: " + rid);
        }
        int[] subs = Arrays.copyOf(subAuthorities, subAuthorities.length + 1);
        subs[subs.length - 1] = (int) rid;
        return new Sid(authority, subs);
    }

    /** The SID without its last sub-authority (the domain of an account SID). */
    public Sid parent() {
        if (subAuthorities.length == 0) {
            throw new IllegalStateException(this + " has no parent");
        }
        return new Sid(authority, Arrays.copyOf(subAuthorities, subAuthorities.length - 1));
    }

    /** True when {@code other} is this SID plus exactly one sub-authority. */
    public boolean isDomainOf(Sid other) {
        return other.authority == authority
                && other.subAuthorities.length == subAuthorities.length + 1
                && Arrays.equals(subAuthorities, 0, subAuthorities.length, other.subAuthorities, 0, subAuthorities.length);
    }

    @Override
    public int compareTo(Sid o) {
        int c = Long.compare(authority, o.authority);
        if (c != 0) {
            return c;
        }
        int n = Math.min(subAuthorities.length, o.subAuthorities.length);
        for (int i = 0; i < n; i++) {
            c = Integer.compareUnsigned(subAuthorities[i], o.subAuthorities[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(subAuthorities.length, o.subAuthorities.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sid s && s.hash == hash && s.authority == authority && Arrays.equals(s.subAuthorities, subAuthorities);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(12 + 11 * subAuthorities.length).append("S-1-");
        if (authority <= 0xFFFFFFFFL) {
            b.append(authority);
        } else {
            b.append(String.format(Locale.ROOT, "0x%012X", authority));
        }
        for (int s : subAuthorities) {
            b.append('-').append(Integer.toUnsignedString(s));
        }
        return b.toString();
    }
}
