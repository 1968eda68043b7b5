package org.openlsa.launch;

/**
 * The resource limits a launched process can be given: setrlimit(2)'s resources, each with the {@code prlimit(1)}
 * option that sets it. A token's QUOTA_LIMITS map onto them through {@link QuotaMapping} (docs/launch.md, "Quotas"):
 * TimeLimit to {@link #CPU_SECONDS}; nothing else has an rlimit of the same meaning.
 */
public enum ResourceLimit {
    /** RLIMIT_NOFILE: one more than the highest descriptor number the process may open. */
    OPEN_FILES("--nofile"),
    /** RLIMIT_NPROC: processes (threads) of the process's real uid; checked by the kernel at execve. */
    PROCESSES("--nproc"),
    /** RLIMIT_CORE: bytes of a core dump (0: none). */
    CORE_BYTES("--core"),
    /** RLIMIT_CPU: CPU seconds; SIGXCPU at the soft limit, SIGKILL at the hard one. */
    CPU_SECONDS("--cpu"),
    /** RLIMIT_AS: bytes of virtual address space. */
    ADDRESS_SPACE_BYTES("--as");

    private final String prlimitOption;

    ResourceLimit(String prlimitOption) {
        this.prlimitOption = prlimitOption;
    }

    /** The prlimit(1) option for this resource, {@code --nofile} for instance. */
    String prlimitOption() {
        return prlimitOption;
    }

    /** The name /proc/PID/limits gives this resource ("Max open files"). */
    public String procLimitsName() {
        return switch (this) {
            case OPEN_FILES -> "Max open files";
            case PROCESSES -> "Max processes";
            case CORE_BYTES -> "Max core file size";
            case CPU_SECONDS -> "Max cpu time";
            case ADDRESS_SPACE_BYTES -> "Max address space";
        };
    }
}
