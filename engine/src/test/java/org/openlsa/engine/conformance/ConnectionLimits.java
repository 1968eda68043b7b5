package org.openlsa.engine.conformance;

/** Per-connection limits a conformance run starts the LSA with (LsaEngine.Builder#limits). */
public record ConnectionLimits(long returnBufferQuotaBytes, int maxReturnBuffers, int maxHandles) {
    public static final ConnectionLimits DEFAULT = new ConnectionLimits(1 << 20, 4096, 65536);
}
