package org.openlsa.kcm;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openlsa.krb5.files.AuthData;
import org.openlsa.krb5.files.Credential;
import org.openlsa.krb5.files.Principal;

/**
 * The "matching credential" of RETRIEVE and REMOVE_CRED in Heimdal's form (MIT ccmarshal.c k5_marshal_mcred): a
 * 32-bit header saying which optional fields follow, then the fields, times, is_skey and flags always present:
 *
 * <pre>
 * mcred ::= uint32 header; [principal client] (0x01); [principal server] (0x02); [keyblock] (0x04);
 *           uint32 authtime, starttime, endtime, renew_till; uint8 is_skey; uint32 ticket_flags;
 *           [addresses] (0x40); [authdata] (0x20); [data ticket] (0x08); [data second_ticket] (0x10)
 * </pre>
 *
 * with the match flags (Heimdal's KRB5_TC values, kcm.h KCM_TC_*) saying which fields must agree. Only what
 * matching needs is kept: the tag's key bytes are never compared, so they are not held.
 */
public record CredentialTag(int flags, Optional<Principal> client, Optional<Principal> server, int keyType,
                            Instant authTime, Instant startTime, Instant endTime, Instant renewTill, boolean isSkey,
                            int ticketFlags, List<AuthData> authData, byte[] secondTicket) {
    // Header bits (ccmarshal.c SC_*).
    static final int SC_CLIENT_PRINCIPAL = 0x01;
    static final int SC_SERVER_PRINCIPAL = 0x02;
    static final int SC_SESSION_KEY = 0x04;
    static final int SC_TICKET = 0x08;
    static final int SC_SECOND_TICKET = 0x10;
    static final int SC_AUTHDATA = 0x20;
    static final int SC_ADDRESSES = 0x40;

    // Match flags (kcm.h KCM_TC_*).
    public static final int DONT_MATCH_REALM = 1 << 31;
    public static final int MATCH_KEYTYPE = 1 << 30;
    public static final int MATCH_SRV_NAMEONLY = 1 << 29;
    public static final int MATCH_FLAGS_EXACT = 1 << 28;
    public static final int MATCH_FLAGS = 1 << 27;
    public static final int MATCH_TIMES_EXACT = 1 << 26;
    public static final int MATCH_TIMES = 1 << 25;
    public static final int MATCH_AUTHDATA = 1 << 24;
    public static final int MATCH_2ND_TKT = 1 << 23;
    public static final int MATCH_IS_SKEY = 1 << 22;
    /** KCM_GC_CACHED: "do not ask the KDC" (MIT always sets it). */
    public static final int GC_CACHED = 1;

    public CredentialTag {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(server, "server");
        authData = List.copyOf(authData);
        secondTicket = secondTicket.clone();
    }

    @Override
    public byte[] secondTicket() {
        return secondTicket.clone();
    }

    /** Whether {@code c} is what this tag asks for, as MIT's krb5_cc_retrieve_cred matches (cc_retrieve.c). */
    public boolean matches(Credential c) {
        if (client.isPresent() && !samePrincipal(client.get(), c.client(), (flags & DONT_MATCH_REALM) == 0)) {
            return false;
        }
        if (server.isPresent()) {
            boolean realm = (flags & (DONT_MATCH_REALM | MATCH_SRV_NAMEONLY)) == 0;
            if (!samePrincipal(server.get(), c.server(), realm)) {
                return false;
            }
        }
        if ((flags & MATCH_IS_SKEY) != 0 && isSkey != c.isSkey()) {
            return false;
        }
        if ((flags & MATCH_FLAGS_EXACT) != 0 && ticketFlags != c.ticketFlags()) {
            return false;
        }
        if ((flags & MATCH_FLAGS) != 0 && (c.ticketFlags() & ticketFlags) != ticketFlags) {
            return false;
        }
        if ((flags & MATCH_TIMES_EXACT) != 0 && !(authTime.equals(c.authTime()) && startTime.equals(c.startTime())
                && endTime.equals(c.endTime()) && renewTill.equals(c.renewTill()))) {
            return false;
        }
        if ((flags & MATCH_TIMES) != 0 && !timesCover(c)) {
            return false;
        }
        if ((flags & MATCH_KEYTYPE) != 0 && keyType != c.key().enctype()) {
            return false;
        }
        if ((flags & MATCH_AUTHDATA) != 0 && !sameAuthData(authData, c.authData())) {
            return false;
        }
        return (flags & MATCH_2ND_TKT) == 0 || Arrays.equals(secondTicket, c.secondTicket());
    }

    /** MIT's times_match: the credential lasts at least as long as asked (a zero time asks nothing). */
    private boolean timesCover(Credential c) {
        if (!renewTill.equals(Instant.EPOCH) && c.renewTill().isBefore(renewTill)) {
            return false;
        }
        return endTime.equals(Instant.EPOCH) || !c.endTime().isBefore(endTime);
    }

    /** Principals compare by components and (unless told otherwise) realm; the name type is not part of a name. */
    static boolean samePrincipal(Principal a, Principal b, boolean realm) {
        return a.components().equals(b.components()) && (!realm || a.realm().equals(b.realm()));
    }

    private static boolean sameAuthData(List<AuthData> a, List<AuthData> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).adType() != b.get(i).adType() || !Arrays.equals(a.get(i).adData(), b.get(i).adData())) {
                return false;
            }
        }
        return true;
    }
}
