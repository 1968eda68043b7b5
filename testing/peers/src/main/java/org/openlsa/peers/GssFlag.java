package org.openlsa.peers;

/** Context flags an initiator requests (RFC 2743 section 2.2.1), by python-gssapi's RequirementFlag names. */
public enum GssFlag {
    /** GSS_C_DELEG_FLAG: forward the TGT (it must be forwardable). */
    DELEGATE("delegate_to_peer"),
    /** GSS_C_MUTUAL_FLAG: the acceptor answers with an AP-REP. */
    MUTUAL("mutual_authentication"),
    REPLAY_DETECTION("replay_detection"),
    SEQUENCE_DETECTION("out_of_sequence_detection"),
    CONFIDENTIALITY("confidentiality"),
    INTEGRITY("integrity");

    private final String pythonName;

    GssFlag(String pythonName) {
        this.pythonName = pythonName;
    }

    /** python-gssapi's RequirementFlag member name, as {@link GssAcceptance#flags()} reports flags. */
    public String pythonName() {
        return pythonName;
    }
}
