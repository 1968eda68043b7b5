package org.openlsa.sam;

/**
 * Where account security events go (the state directory's audit log). Implementations must not throw: an audit
 * failure is reported through their own means and never changes the outcome of what is being audited.
 */
@FunctionalInterface
public interface SecurityEventSink {
    void record(SecurityEvent event);

    /** Discards events (tests, tools without a state directory). */
    SecurityEventSink NONE = e -> {};
}
