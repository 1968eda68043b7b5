package org.openlsa.pac;

import java.time.Instant;
import java.util.Objects;
import org.openlsa.core.NtTime;

/**
 * PAC_CLIENT_INFO ([MS-PAC] 2.7, ulType 10): ClientId, the ticket's authtime as a FILETIME, then NameLength
 * (bytes) and the client name in UTF-16LE without a terminator. Receivers compare both with the ticket (MS-PAC
 * 2.7: the name is the client principal without the realm).
 *
 * @param clientId FILETIME of the ticket's authtime, raw
 * @param name the client principal name, at most 32767 UTF-16 units (NameLength is a USHORT)
 */
public record PacClientInfo(long clientId, String name) implements PacBuffer {
    public PacClientInfo {
        Objects.requireNonNull(name, "name");
        if (name.length() > 0x7FFF) {
            throw new IllegalArgumentException("PAC_CLIENT_INFO name exceeds 32767 UTF-16 units: " + name.length());
        }
    }

    /** The buffer for a ticket issued at {@code authTime} (whole seconds, as Kerberos times are). */
    public static PacClientInfo of(Instant authTime, String name) {
        return new PacClientInfo(NtTime.fromInstant(authTime), name);
    }

    /** ClientId as an instant. */
    public Instant authTime() {
        return KerbValidationInfo.toInstant(clientId);
    }

    @Override
    public int type() {
        return CLIENT_INFO;
    }
}
