package org.openlsa.peers;

/**
 * How a client reaches a KDC. krb5.conf cannot forbid a transport (MIT ignores "udp/" and "tcp/" prefixes on
 * {@code kdc}); it only orders them through {@code udp_preference_limit}, which both MIT and the JDK read. MIT
 * falls back to the other transport when the first gets no answer, so a test that must prove one transport checks
 * {@link ToolResult#transportsAnswered()}.
 */
public enum KdcTransport {
    /** UDP first for any message under 65535 bytes. */
    UDP(65535),
    /** TCP first for every message. */
    TCP(1);

    private final int udpPreferenceLimit;

    KdcTransport(int udpPreferenceLimit) {
        this.udpPreferenceLimit = udpPreferenceLimit;
    }

    /** The krb5.conf {@code udp_preference_limit} that selects this transport first. */
    public int udpPreferenceLimit() {
        return udpPreferenceLimit;
    }
}
