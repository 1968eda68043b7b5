package org.openlsa.ntlmssp;

/** The negState of a NegTokenResp (RFC 4178 4.2.2), with its ENUMERATED values. */
public enum NegState {
    /** accept-completed (0): the exchange is done. */
    ACCEPT_COMPLETED(0),
    /** accept-incomplete (1): more tokens follow. */
    ACCEPT_INCOMPLETE(1),
    /** reject (2): no common mechanism, or the mechanism failed. */
    REJECT(2),
    /** request-mic (3): the acceptor wants a mechListMIC (only in its first reply). */
    REQUEST_MIC(3);

    private final int value;

    NegState(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }
}
