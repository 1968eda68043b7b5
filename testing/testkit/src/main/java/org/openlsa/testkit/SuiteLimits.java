package org.openlsa.testkit;

/** Per-connection limits a conformance run starts the LSA with. */
public record SuiteLimits(long returnBufferQuotaBytes, int maxReturnBuffers, int maxHandles) {
    public static final SuiteLimits DEFAULT = new SuiteLimits(1 << 20, 4096, 65536);
}
