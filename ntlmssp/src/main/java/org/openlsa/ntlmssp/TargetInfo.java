package org.openlsa.ntlmssp;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * An ordered list of AV_PAIRs (MS-NLMP 2.2.2.1): the TargetInfo of a CHALLENGE_MESSAGE, and the AvPairs a client
 * echoes, with its own additions, in its NTLMv2_CLIENT_CHALLENGE. The terminating MsvAvEOL is implicit: the
 * decoder requires it and the encoder always writes it. Order is kept because the NTLMv2 proof is computed over the
 * bytes. When an id repeats (the spec forbids it), the accessors answer with the first occurrence.
 */
public record TargetInfo(List<AvPair> pairs) {
    /** MsvAvFlags bit: the client's account authentication is constrained. */
    public static final int MSV_AV_FLAG_ACCOUNT_AUTHENTICATION_CONSTRAINED = 0x1;
    /** MsvAvFlags bit: the AUTHENTICATE_MESSAGE carries a MIC. */
    public static final int MSV_AV_FLAG_MIC_PRESENT = 0x2;
    /** MsvAvFlags bit: the client's target SPN came from an untrusted source. */
    public static final int MSV_AV_FLAG_UNTRUSTED_SPN_SOURCE = 0x4;

    public TargetInfo {
        pairs = List.copyOf(pairs);
    }

    public static TargetInfo of(AvPair... pairs) {
        return new TargetInfo(List.of(pairs));
    }

    /** The first pair with {@code id}. */
    public Optional<AvPair> find(AvId id) {
        return pairs.stream().filter(p -> p.avId() == id.value()).findFirst();
    }

    public Optional<String> nbComputerName() {
        return name(AvId.MsvAvNbComputerName);
    }

    public Optional<String> nbDomainName() {
        return name(AvId.MsvAvNbDomainName);
    }

    public Optional<String> dnsComputerName() {
        return name(AvId.MsvAvDnsComputerName);
    }

    public Optional<String> dnsDomainName() {
        return name(AvId.MsvAvDnsDomainName);
    }

    public Optional<String> dnsTreeName() {
        return name(AvId.MsvAvDnsTreeName);
    }

    /** MsvAvTargetName: the SPN the client meant to reach. */
    public Optional<String> targetName() {
        return name(AvId.MsvAvTargetName);
    }

    /** MsvAvFlags. */
    public OptionalInt flags() {
        return find(AvId.MsvAvFlags).map(p -> OptionalInt.of((int) p.littleEndian())).orElse(OptionalInt.empty());
    }

    /** MsvAvTimestamp as a FILETIME. */
    public OptionalLong timestamp() {
        return find(AvId.MsvAvTimestamp).map(p -> OptionalLong.of(p.littleEndian())).orElse(OptionalLong.empty());
    }

    /** MsvAvChannelBindings: the MD5 of the client's gss_channel_bindings_struct. */
    public Optional<byte[]> channelBindings() {
        return find(AvId.MsvAvChannelBindings).map(AvPair::value);
    }

    /** True when MsvAvFlags has bit 0x2: the AUTHENTICATE_MESSAGE that carries these pairs has a MIC. */
    public boolean micPresent() {
        OptionalInt flags = flags();
        return flags.isPresent() && (flags.getAsInt() & MSV_AV_FLAG_MIC_PRESENT) != 0;
    }

    private Optional<String> name(AvId id) {
        return find(id).map(AvPair::text);
    }
}
