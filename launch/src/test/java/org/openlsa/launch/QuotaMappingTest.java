package org.openlsa.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openlsa.core.NtTime;
import org.openlsa.core.QuotaLimits;

class QuotaMappingTest {
    private static QuotaLimits timeLimit(long hundredNs) {
        return new QuotaLimits(0x20000000L, 0x100000L, 0x10000L, 0x1000000L, 0xFFFFFFFFL, hundredNs);
    }

    @Test
    void timeLimitIsCpuSecondsRoundedUpSoftEqualsHard() {
        assertEquals(Map.of(ResourceLimit.CPU_SECONDS, Rlimit.of(3)), QuotaMapping.rlimitsOf(timeLimit(30_000_000L)));
        assertEquals(Map.of(ResourceLimit.CPU_SECONDS, Rlimit.of(4)), QuotaMapping.rlimitsOf(timeLimit(30_000_001L)));
        assertEquals(Map.of(ResourceLimit.CPU_SECONDS, Rlimit.of(1)), QuotaMapping.rlimitsOf(timeLimit(1)));
        assertEquals(Map.of(ResourceLimit.CPU_SECONDS, Rlimit.of(922_337_203_686L)),
                QuotaMapping.rlimitsOf(timeLimit(NtTime.NEVER - 1)));
    }

    @Test
    void zeroAndNeverAreNoLimitAndNothingElseIsAnRlimit() {
        // The Windows defaults (a pagefile limit, working sets, pools) map to nothing: no RLIMIT_AS.
        assertEquals(Map.of(), QuotaMapping.rlimitsOf(timeLimit(0)));
        assertEquals(Map.of(), QuotaMapping.rlimitsOf(timeLimit(NtTime.NEVER)));
        assertEquals(Map.of(), QuotaMapping.rlimitsOf(QuotaLimits.WINDOWS_DEFAULT));
    }

    @Test
    void theStricterOfTwoLimitsPerBound() {
        assertEquals(new Rlimit(3, 5), new Rlimit(3, 10).stricter(new Rlimit(4, 5)));
        assertEquals(new Rlimit(7, 9), new Rlimit(7, Rlimit.UNLIMITED).stricter(new Rlimit(8, 9)));
        assertEquals(new Rlimit(Rlimit.UNLIMITED, Rlimit.UNLIMITED),
                new Rlimit(Rlimit.UNLIMITED, Rlimit.UNLIMITED).stricter(new Rlimit(Rlimit.UNLIMITED, Rlimit.UNLIMITED)));
    }
}
