package org.openlsa.ntlmssp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.openlsa.ntlmssp.internal.Bytes;

/**
 * The initiator's first SPNEGO token (RFC 4178 4.2.1):
 *
 * <pre>
 * NegTokenInit ::= SEQUENCE {
 *     mechTypes    [0] MechTypeList,
 *     reqFlags     [1] ContextFlags  OPTIONAL,
 *     mechToken    [2] OCTET STRING  OPTIONAL,
 *     mechListMIC  [3] OCTET STRING  OPTIONAL,
 *     ...
 * }
 * </pre>
 *
 * <p>mechTypes lists the initiator's mechanisms, most preferred first, and is never empty; mechToken, when present,
 * is an optimistic token for the first of them only (RFC 4178 3.2). An acceptor that wants NTLM asks
 * {@link #positionOf}: at 0 the mechToken is the NEGOTIATE_MESSAGE; further down the acceptor answers with
 * supportedMech NTLMSSP and no token (and must then exchange mechListMICs, 5.c); absent, it answers
 * {@link NegTokenResp#reject()}. reqFlags is advisory; the named bits are kept, unknown ones dropped.
 */
public record NegTokenInit(List<MechType> mechTypes, Optional<Set<ContextFlag>> reqFlags, Optional<byte[]> mechToken,
                           Optional<byte[]> mechListMIC) implements NegotiationToken {
    public NegTokenInit {
        mechTypes = List.copyOf(mechTypes);
        if (mechTypes.isEmpty()) {
            throw new IllegalArgumentException("mechTypes must name at least one mechanism");
        }
        reqFlags = Objects.requireNonNull(reqFlags, "reqFlags").map(Set::copyOf);
        mechToken = Bytes.copy(mechToken, "mechToken");
        mechListMIC = Bytes.copy(mechListMIC, "mechListMIC");
    }

    /** A NegTokenInit offering {@code mechTypes} with an optimistic token for the first. */
    public static NegTokenInit of(List<MechType> mechTypes, byte[] mechToken) {
        return new NegTokenInit(mechTypes, Optional.empty(), Optional.of(mechToken), Optional.empty());
    }

    /** Where the initiator lists {@code mech} (0 = preferred, so the mechToken is for it), if at all. */
    public OptionalInt positionOf(MechType mech) {
        int i = mechTypes.indexOf(mech);
        return i < 0 ? OptionalInt.empty() : OptionalInt.of(i);
    }

    /** True when the initiator offers NTLMSSP at any position. */
    public boolean offersNtlm() {
        return mechTypes.contains(MechType.NTLMSSP);
    }

    /** The optimistic mechanism token for {@code mech}: present only when {@code mech} is the preferred one. */
    public Optional<byte[]> mechTokenFor(MechType mech) {
        return mechTypes.getFirst().equals(mech) ? mechToken() : Optional.empty();
    }

    @Override
    public Optional<byte[]> mechToken() {
        return mechToken.map(byte[]::clone);
    }

    @Override
    public Optional<byte[]> mechListMIC() {
        return mechListMIC.map(byte[]::clone);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NegTokenInit t && t.mechTypes.equals(mechTypes) && t.reqFlags.equals(reqFlags)
                && Bytes.equal(t.mechToken, mechToken) && Bytes.equal(t.mechListMIC, mechListMIC);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mechTypes, reqFlags, Bytes.hash(mechToken), Bytes.hash(mechListMIC));
    }

    @Override
    public String toString() {
        return "NegTokenInit[mechTypes=" + mechTypes + ", reqFlags=" + reqFlags + ", mechToken="
                + mechToken.map(b -> b.length + " bytes").orElse("none") + ", mechListMIC="
                + mechListMIC.map(b -> b.length + " bytes").orElse("none") + "]";
    }
}
