package org.openlsa.ntlmssp;

/** The named bits of ContextFlags (RFC 4178 4.2.1), the reqFlags of a NegTokenInit; bit 0 is the first. */
public enum ContextFlag {
    DELEG_FLAG,
    MUTUAL_FLAG,
    REPLAY_FLAG,
    SEQUENCE_FLAG,
    ANON_FLAG,
    CONF_FLAG,
    INTEG_FLAG
}
