package org.openlsa.peers;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The python3-gssapi (MIT) acceptor's verdict on one initiator token.
 *
 * @param error         MIT's GSS failure text when the token was refused; the other fields are then empty
 * @param complete      whether the acceptor's context is established
 * @param initiatorName the client principal the acceptor sees, e.g. "alice@TEST.LOCAL"
 * @param acceptorName  the service principal the ticket was for
 * @param mech          the mechanism OID, dotted ("1.2.840.113554.1.2.2" for Kerberos 5)
 * @param delegated     whether delegated credentials (a forwarded TGT) came with the token
 * @param delegatedName the delegated credentials' principal, if any
 * @param flags         the context's flags by python-gssapi's names (see {@link GssFlag#pythonName()})
 * @param replyToken    the token for the initiator (an AP-REP under mutual authentication), or empty
 */
public record GssAcceptance(Optional<String> error, boolean complete, String initiatorName, String acceptorName,
        String mech, boolean delegated, Optional<String> delegatedName, Set<String> flags, byte[] replyToken) {
    /** RFC 1964's Kerberos 5 mechanism OID. */
    public static final String KRB5_MECH = "1.2.840.113554.1.2.2";

    public GssAcceptance {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(initiatorName, "initiatorName");
        Objects.requireNonNull(acceptorName, "acceptorName");
        Objects.requireNonNull(mech, "mech");
        Objects.requireNonNull(delegatedName, "delegatedName");
        flags = Set.copyOf(flags);
        replyToken = replyToken.clone();
    }

    static GssAcceptance refused(String error) {
        return new GssAcceptance(Optional.of(error), false, "", "", "", false, Optional.empty(), Set.of(),
                new byte[0]);
    }

    @Override
    public byte[] replyToken() {
        return replyToken.clone();
    }

    public boolean succeeded() {
        return error.isEmpty() && complete;
    }

    public boolean hasFlag(GssFlag flag) {
        return flags.contains(flag.pythonName());
    }
}
