package org.openlsa.ntlmssp;

/** A SPNEGO NegotiationToken (RFC 4178 4.2): the CHOICE of {@link NegTokenInit} and {@link NegTokenResp}. */
public sealed interface NegotiationToken permits NegTokenInit, NegTokenResp {
}
