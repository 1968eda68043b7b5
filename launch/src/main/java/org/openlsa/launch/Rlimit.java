package org.openlsa.launch;

/**
 * A soft and a hard limit (struct rlimit): the soft one is what the kernel enforces, the hard one the ceiling an
 * unprivileged process may raise its soft limit to. {@link #UNLIMITED} is RLIM_INFINITY.
 */
public record Rlimit(long soft, long hard) {
    /** RLIM_INFINITY. */
    public static final long UNLIMITED = -1;

    public Rlimit {
        if (soft < UNLIMITED || hard < UNLIMITED) {
            throw new IllegalArgumentException("a limit is >= 0 or UNLIMITED, not " + soft + ":" + hard);
        }
        if (hard != UNLIMITED && (soft == UNLIMITED || soft > hard)) {
            throw new IllegalArgumentException("the soft limit " + text(soft) + " exceeds the hard limit " + hard);
        }
    }

    /** The same soft and hard limit. */
    public static Rlimit of(long both) {
        return new Rlimit(both, both);
    }

    /**
     * The stricter of this and {@code other}, per limit (UNLIMITED being the largest): a caller's limit combined with
     * a quota's. Still valid, since the smaller soft limit is at most the smaller hard one.
     */
    public Rlimit stricter(Rlimit other) {
        return new Rlimit(min(soft, other.soft), min(hard, other.hard));
    }

    private static long min(long a, long b) {
        return a == UNLIMITED ? b : b == UNLIMITED ? a : Math.min(a, b);
    }

    /** prlimit(1)'s {@code soft:hard}. */
    String prlimitValue() {
        return text(soft) + ":" + text(hard);
    }

    private static String text(long v) {
        return v == UNLIMITED ? "unlimited" : Long.toString(v);
    }
}
