package org.openlsa.kerberos;

import java.util.Objects;
import java.util.Optional;
import org.openlsa.engine.spi.logon.InteractiveProfile;

/**
 * The profile buffer of a Kerberos logon (ntsecapi.h): KERB_INTERACTIVE_PROFILE (MessageType KerbInteractiveProfile
 * 2, the fields of MSV1_0_INTERACTIVE_PROFILE: the shared {@link InteractiveProfile}) for password logons, or KERB_TICKET_PROFILE (KerbTicketProfile 6:
 * the same fields followed by KERB_CRYPTO_KEY SessionKey) for ticket and S4U logons, which hand the caller the
 * session key of the ticket it logged on with.
 *
 * @param sessionKey present exactly for a ticket profile
 */
public record KerbProfile(InteractiveProfile profile, Optional<KerbCryptoKey> sessionKey) {
    public static final int INTERACTIVE_PROFILE = 2;
    public static final int SMART_CARD_PROFILE = 4;
    public static final int TICKET_PROFILE = 6;

    public KerbProfile {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(sessionKey, "sessionKey");
    }

    public int messageType() {
        return sessionKey.isPresent() ? TICKET_PROFILE : INTERACTIVE_PROFILE;
    }
}
