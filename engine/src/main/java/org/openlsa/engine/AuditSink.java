package org.openlsa.engine;

/**
 * Where audit events go. Implementations must not throw: an audit failure is reported through their own means and
 * never changes a logon's outcome.
 */
@FunctionalInterface
public interface AuditSink {
    void record(AuditEvent event);

    /** Discards events (tests, benchmarks). */
    AuditSink NONE = e -> {};
}
