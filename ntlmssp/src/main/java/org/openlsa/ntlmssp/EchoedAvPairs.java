package org.openlsa.ntlmssp;

import java.util.Arrays;
import java.util.Optional;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;

/**
 * Whether an NTLMv2 response's AV pairs echo the CHALLENGE's TargetInfo. A client copies the server's TargetInfo
 * into its NTLMv2_CLIENT_CHALLENGE, adding pairs of its own (MS-NLMP 3.1.5.1.2: MsvAvFlags, MsvAvTargetName,
 * MsvAvChannelBindings, ...), and takes the blob's time from MsvAvTimestamp. Samba's NTLMSSP server
 * (ntlmssp_server_preauth) refuses an AUTHENTICATE whose response lacks one of the pairs it sent or carries one with
 * another value, with INVALID_PARAMETER and before the password is checked; so does this acceptor. Names compare
 * exactly, as Samba's strcmp does (the echo is a copy, not a name to match case-insensitively), the timestamp as the
 * same FILETIME. Pairs the client adds are its own business, and nothing is checked for an NTLMv1, LMv2-only or
 * anonymous AUTHENTICATE, which carries no AV pairs.
 */
final class EchoedAvPairs {
    private EchoedAvPairs() {}

    /**
     * @param sent     the CHALLENGE's TargetInfo
     * @param received the AV pairs of the client's NTLMv2_CLIENT_CHALLENGE
     * @throws LsaException INVALID_PARAMETER naming the first pair of {@code sent} that is missing or changed
     */
    static void check(TargetInfo sent, TargetInfo received) throws LsaException {
        for (AvPair pair : sent.pairs()) {
            String name = pair.knownId().map(AvId::name).orElse("AvId " + pair.avId());
            Optional<AvPair> echo = received.pairs().stream().filter(p -> p.avId() == pair.avId()).findFirst();
            if (echo.isEmpty()) {
                throw new LsaException(NtStatus.INVALID_PARAMETER, "the NTLMv2 response's AV pairs lack the "
                        + name + " the CHALLENGE sent");
            }
            // Public values (names, a timestamp): no constant-time comparison needed.
            if (!Arrays.equals(echo.get().value(), pair.value())) {
                throw new LsaException(NtStatus.INVALID_PARAMETER, "the NTLMv2 response's " + name
                        + " differs from the CHALLENGE's");
            }
        }
    }
}
