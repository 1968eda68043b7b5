package org.openlsa.ntlmssp;

import java.util.Objects;
import java.util.Optional;
import org.openlsa.ntlmssp.internal.OemString;
import org.openlsa.ntlmssp.internal.PayloadWriter;

/**
 * NEGOTIATE_MESSAGE (MS-NLMP 2.2.1.1), the client's first message. DomainName and Workstation are OEM strings,
 * present only with NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED / NTLMSSP_NEGOTIATE_OEM_WORKSTATION_SUPPLIED (an empty
 * string means "not supplied"); Version only with NTLMSSP_NEGOTIATE_VERSION. The constructor enforces those
 * pairings so that every instance encodes to bytes that decode back to an equal instance.
 */
public record NegotiateMessage(NegotiateFlags negotiateFlags, String domainName, String workstation,
                               Optional<Version> version) {
    public NegotiateMessage {
        Objects.requireNonNull(negotiateFlags, "negotiateFlags");
        requireOem(domainName, "domainName");
        requireOem(workstation, "workstation");
        Objects.requireNonNull(version, "version");
        if (!domainName.isEmpty() && !negotiateFlags.has(NegotiateFlags.NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED)) {
            throw new IllegalArgumentException("a DomainName needs NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED");
        }
        if (!workstation.isEmpty()
                && !negotiateFlags.has(NegotiateFlags.NTLMSSP_NEGOTIATE_OEM_WORKSTATION_SUPPLIED)) {
            throw new IllegalArgumentException("a Workstation needs NTLMSSP_NEGOTIATE_OEM_WORKSTATION_SUPPLIED");
        }
        requireVersionFlag(negotiateFlags, version);
    }

    /** A NEGOTIATE_MESSAGE with no domain, no workstation and no version: what curl sends. */
    public static NegotiateMessage of(NegotiateFlags flags) {
        return new NegotiateMessage(flags, "", "", Optional.empty());
    }

    private static void requireOem(String s, String field) {
        Objects.requireNonNull(s, field);
        if (!OemString.canEncode(s) || s.length() > PayloadWriter.MAX_FIELD_BYTES) {
            throw new IllegalArgumentException(field + " must be an OEM string of at most 65535 characters");
        }
    }

    static void requireVersionFlag(NegotiateFlags flags, Optional<Version> version) {
        if (version.isPresent() && !flags.has(NegotiateFlags.NTLMSSP_NEGOTIATE_VERSION)) {
            throw new IllegalArgumentException("a Version needs NTLMSSP_NEGOTIATE_VERSION (MS-NLMP 2.2.2.10)");
        }
    }
}
