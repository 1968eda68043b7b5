package org.openlsa.core;

/**
 * QUOTA_LIMITS: returned by LsaLogonUser with a primary token only. Sizes in bytes (SIZE_T); TimeLimit in 100 ns
 * units, where {@link NtTime#NEVER} (0x7FFFFFFFFFFFFFFF) and 0 are read as "no limit", as Windows does.
 */
public record QuotaLimits(long pagedPoolLimitBytes, long nonPagedPoolLimitBytes, long minimumWorkingSetSizeBytes,
                          long maximumWorkingSetSizeBytes, long pagefileLimitBytes, long timeLimit) {

    /** The values a default Windows installation hands out (0x20000000 paged, 0x100000 non-paged, ...). */
    public static final QuotaLimits WINDOWS_DEFAULT =
            new QuotaLimits(0x20000000L, 0x100000L, 0x10000L, 0x1000000L, 0xFFFFFFFFL, 0);

    public QuotaLimits {
        if (pagedPoolLimitBytes < 0 || nonPagedPoolLimitBytes < 0 || minimumWorkingSetSizeBytes < 0
                || maximumWorkingSetSizeBytes < 0 || pagefileLimitBytes < 0 || timeLimit < 0) {
            throw new IllegalArgumentException("quota limits are non-negative");
        }
        if (minimumWorkingSetSizeBytes > maximumWorkingSetSizeBytes) {
            throw new IllegalArgumentException("minimum working set " + minimumWorkingSetSizeBytes
                    + " exceeds the maximum " + maximumWorkingSetSizeBytes);
        }
    }
}
