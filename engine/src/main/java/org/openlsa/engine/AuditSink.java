package org.openlsa.engine;

/**
 * Where audit events go. Implementations must not throw: an audit failure is reported through their own means and
 * never changes a logon's outcome. The engine hands the same sink to its packages for account security events
 * (password changes, lockouts); a sink that keeps only logons ignores those.
 */
@FunctionalInterface
public interface AuditSink extends org.openlsa.sam.SecurityEventSink {
    void record(AuditEvent event);

    @Override
    default void record(org.openlsa.sam.SecurityEvent event) {}

    /** Discards events (tests, benchmarks). */
    AuditSink NONE = e -> {};
}
