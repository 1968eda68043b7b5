package org.openlsa.krb5.files;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openlsa.krb5.files.internal.BigEndianWriter;

/**
 * One credential of a ccache (MIT krb5_creds): a ticket with its session key and the KDC reply's details, or a
 * configuration entry (server realm {@value #CONFIG_REALM}, see {@link #isConfigEntry()}).
 *
 * <p>Times are whole seconds within the unsigned 32-bit range; {@link Instant#EPOCH} is the stored 0 ("unset",
 * as in the starttime of a configuration entry). Tickets are the raw DER of the Ticket, copied in and out. The
 * record holds a secret (the session {@link KeyBlock}), so it has no value equality; compare encodings.
 */
public record Credential(Principal client, Principal server, KeyBlock key, Instant authTime, Instant startTime,
        Instant endTime, Instant renewTill, boolean isSkey, int ticketFlags, List<HostAddress> addresses,
        List<AuthData> authData, byte[] ticket, byte[] secondTicket) {

    /** The realm of a configuration entry's server principal. */
    public static final String CONFIG_REALM = "X-CACHECONF:";
    /** The first component of a configuration entry's server principal. */
    public static final String CONFIG_COMPONENT = "krb5_ccache_conf_data";

    // TicketFlags (RFC 4120 5.3), as the 32-bit value MIT stores (bit 0 is the most significant).
    public static final int FORWARDABLE = 0x40000000;
    public static final int FORWARDED = 0x20000000;
    public static final int PROXIABLE = 0x10000000;
    public static final int PROXY = 0x08000000;
    public static final int MAY_POSTDATE = 0x04000000;
    public static final int POSTDATED = 0x02000000;
    public static final int INVALID = 0x01000000;
    public static final int RENEWABLE = 0x00800000;
    public static final int INITIAL = 0x00400000;
    public static final int PRE_AUTHENT = 0x00200000;
    public static final int HW_AUTHENT = 0x00100000;
    public static final int TRANSITED_POLICY_CHECKED = 0x00080000;
    public static final int OK_AS_DELEGATE = 0x00040000;
    /** RFC 6806 enc-pa-rep. */
    public static final int ENC_PA_REP = 0x00010000;
    public static final int ANONYMOUS = 0x00008000;

    public Credential {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(key, "key");
        for (Instant t : new Instant[] {authTime, startTime, endTime, renewTill}) {
            if (!BigEndianWriter.fitsTime(t)) {
                throw new IllegalArgumentException("ccache times are whole seconds in 1970..2106: " + t);
            }
        }
        addresses = List.copyOf(addresses);
        authData = List.copyOf(authData);
        ticket = ticket.clone();
        secondTicket = secondTicket.clone();
    }

    /**
     * A configuration entry ({@code doc/formats/ccache_file_format.rst}): server
     * {@code krb5_ccache_conf_data/KEY[/PRINCIPAL]@X-CACHECONF:}, the value in the ticket field, all else zero.
     */
    public static Credential configEntry(Principal client, String key, Optional<Principal> principal, byte[] value) {
        List<String> components = new ArrayList<>(List.of(CONFIG_COMPONENT, key));
        principal.ifPresent(p -> components.add(p.toString()));
        return new Credential(client, new Principal(Principal.NT_PRINCIPAL, components, CONFIG_REALM), KeyBlock.empty(),
                Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, false, 0, List.of(), List.of(), value,
                new byte[0]);
    }

    public boolean isConfigEntry() {
        return server.realm().equals(CONFIG_REALM) && server.components().size() >= 2
                && server.components().getFirst().equals(CONFIG_COMPONENT);
    }

    /** The configuration key of a configuration entry. */
    public Optional<String> configKey() {
        return isConfigEntry() ? Optional.of(server.components().get(1)) : Optional.empty();
    }

    @Override
    public byte[] ticket() {
        return ticket.clone();
    }

    @Override
    public byte[] secondTicket() {
        return secondTicket.clone();
    }

    public boolean hasFlag(int flag) {
        return (ticketFlags & flag) == flag;
    }

    @Override
    public String toString() {
        return "Credential[" + client + " -> " + server + ", " + key + ", authTime=" + authTime + ", startTime="
                + startTime + ", endTime=" + endTime + ", renewTill=" + renewTill + ", isSkey=" + isSkey
                + ", ticketFlags=0x" + Integer.toHexString(ticketFlags) + ", addresses=" + addresses + ", authData="
                + authData + ", ticket=" + ticket.length + " bytes, secondTicket=" + secondTicket.length + " bytes]";
    }
}
