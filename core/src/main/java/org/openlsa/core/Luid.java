package org.openlsa.core;

/**
 * A locally unique identifier: 64 bits, shown as {@code 0x3e7} (Windows' {@code whoami /logonid} style for the
 * whole value). Logon-session LUIDs below {@link #FIRST_DYNAMIC} are reserved for the built-in sessions.
 */
public record Luid(long value) implements Comparable<Luid> {
    public static final Luid SYSTEM = new Luid(0x3E7);
    public static final Luid ANONYMOUS_LOGON = new Luid(0x3E6);
    public static final Luid LOCAL_SERVICE = new Luid(0x3E5);
    public static final Luid NETWORK_SERVICE = new Luid(0x3E4);
    public static final Luid IUSER = new Luid(0x3E3);
    /** LUIDs below this value are reserved: the allocator never hands them out. */
    public static final long FIRST_DYNAMIC = 1000;
    /** The zero LUID: "my own logon session" in calls that take one. */
    public static final Luid ZERO = new Luid(0);

    public static Luid of(int highPart, int lowPart) {
        return new Luid(((long) highPart << 32) | Integer.toUnsignedLong(lowPart));
    }

    public int highPart() {
        return (int) (value >>> 32);
    }

    public int lowPart() {
        return (int) value;
    }

    public boolean isReserved() {
        return Long.compareUnsigned(value, FIRST_DYNAMIC) < 0;
    }

    /**
     * Parses {@code 0x3e7}, {@code 0x0:0x3e7} (high:low) or a decimal number.
     *
     * @throws IllegalArgumentException naming the input
     */
    public static Luid parse(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        try {
            int colon = t.indexOf(':');
            if (colon >= 0) {
                return of((int) parseHalf(t.substring(0, colon)), (int) parseHalf(t.substring(colon + 1)));
            }
            return new Luid(t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseUnsignedLong(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a LUID (expected 0x3e7, 0x0:0x3e7 or decimal): '" + text + "'");
        }
    }

    private static long parseHalf(String s) {
        long v = s.startsWith("0x") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
        if (v < 0 || v > 0xFFFFFFFFL) {
            throw new NumberFormatException(s);
        }
        return v;
    }

    @Override
    public int compareTo(Luid o) {
        return Long.compareUnsigned(value, o.value);
    }

    @Override
    public String toString() {
        return "0x" + Long.toHexString(value);
    }
}
