package org.openlsa.launch;

import java.util.EnumMap;
import java.util.Map;
import org.openlsa.core.NtTime;
import org.openlsa.core.QuotaLimits;

/**
 * A token's QUOTA_LIMITS as the resource limits a launched process gets (docs/launch.md, "Quotas"). Only TimeLimit
 * has an rlimit that means the same: {@link ResourceLimit#CPU_SECONDS}. PagefileLimit is not RLIMIT_AS (that counts
 * reserved address space, which a JVM or any program with large mappings would hit long before it commits memory),
 * and the working-set sizes would be cgroup v2's memory.max and memory.low where a delegated subtree exists; neither
 * is applied. The pool limits have no Linux meaning.
 */
public final class QuotaMapping {
    private static final long HUNDRED_NS_PER_SECOND = 10_000_000L;

    private QuotaMapping() {}

    /**
     * The rlimits {@code quotas} stand for: CPU_SECONDS, soft = hard = TimeLimit rounded up to whole seconds, unless
     * TimeLimit is 0 or {@link NtTime#NEVER} (no limit, as Windows reads them); nothing else.
     */
    public static Map<ResourceLimit, Rlimit> rlimitsOf(QuotaLimits quotas) {
        Map<ResourceLimit, Rlimit> limits = new EnumMap<>(ResourceLimit.class);
        long t = quotas.timeLimit();
        if (t != 0 && t != NtTime.NEVER) {
            long seconds = t / HUNDRED_NS_PER_SECOND + (t % HUNDRED_NS_PER_SECOND == 0 ? 0 : 1);
            limits.put(ResourceLimit.CPU_SECONDS, Rlimit.of(seconds));
        }
        return limits;
    }
}
