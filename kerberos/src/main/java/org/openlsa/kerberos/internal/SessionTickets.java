package org.openlsa.kerberos.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.openlsa.core.Luid;
import org.openlsa.kdc.client.KdcClient.Credential;
import org.openlsa.krb5.PrincipalName;

/**
 * The Kerberos tickets of every logon session the package started, each session's in its own cache. A cache
 * lives exactly as long as its session: {@link #end} destroys every session key in it.
 */
public final class SessionTickets {
    private final ConcurrentHashMap<Luid, Cache> caches = new ConcurrentHashMap<>();

    /** Whose tickets a cache holds: the client principal of the logon that started it. */
    public record Client(String realm, PrincipalName name) {
        public boolean is(String otherRealm, PrincipalName other) {
            return realm.equalsIgnoreCase(otherRealm) && name.sameNameAs(other);
        }
    }

    /** One session's tickets: the TGT (if any) and service tickets, newest last. */
    public static final class Cache {
        private final Client client;
        private final List<Credential> tickets = new ArrayList<>();
        private boolean ended;

        Cache(Client client) {
            this.client = client;
        }

        public Client client() {
            return client;
        }

        /** Adds a ticket, replacing (and destroying) an older one for the same server. */
        public synchronized void add(Credential c) {
            if (ended) {
                c.close();
                return;
            }
            tickets.removeIf(t -> {
                boolean same = sameServer(t, c.part().sname(), c.part().srealm());
                if (same) {
                    t.close();
                }
                return same;
            });
            tickets.add(c);
        }

        /**
         * Reads the tickets under the cache's lock, so no purge destroys a session key while {@code reader} copies
         * it.
         */
        public synchronized <T> T read(java.util.function.Function<List<Credential>, T> reader) {
            return reader.apply(List.copyOf(tickets));
        }

        /** The ticket for this server, valid at {@code now}. */
        public synchronized Optional<Credential> find(PrincipalName server, String realm, Instant now) {
            return tickets.stream().filter(t -> sameServer(t, server, realm))
                    .filter(t -> t.part().endtime().instant().isAfter(now)).findFirst();
        }

        /** The TGT of the client's own realm. */
        public synchronized Optional<Credential> tgt() {
            return tickets.stream().filter(t -> t.part().sname().isKrbtgt()
                    && t.part().sname().nameString().get(1).equals(t.crealm())).findFirst();
        }

        /** Removes and destroys the tickets {@code which} selects; returns how many. */
        public synchronized int purge(Predicate<Credential> which) {
            int before = tickets.size();
            tickets.removeIf(t -> {
                boolean gone = which.test(t);
                if (gone) {
                    t.close();
                }
                return gone;
            });
            return before - tickets.size();
        }

        synchronized void end() {
            ended = true;
            tickets.forEach(Credential::close);
            tickets.clear();
        }

        private static boolean sameServer(Credential t, PrincipalName server, String realm) {
            return t.part().srealm().equalsIgnoreCase(realm) && t.part().sname().sameNameAs(server);
        }
    }

    /** Starts the cache of a new session with its first tickets, which it now owns. */
    public Cache start(Luid session, Client client, List<Credential> first) {
        Cache c = new Cache(client);
        first.forEach(c::add);
        Cache previous = caches.put(session, c);
        if (previous != null) {
            previous.end();
        }
        return c;
    }

    /**
     * An unlock: {@code fresh} tickets replace those for the same servers in {@code session}'s cache, when that
     * session is one of this package's and belongs to the same client. The cache owns what it takes; the tickets
     * are closed otherwise. Returns whether the session was refreshed.
     */
    public boolean refresh(Luid session, Client client, List<Credential> fresh) {
        Cache c = caches.get(session);
        if (c == null || !c.client().is(client.realm(), client.name())) {
            fresh.forEach(Credential::close);
            return false;
        }
        fresh.forEach(c::add);
        return true;
    }

    /** A copy of {@code c} with its own session key, for a second cache to own. */
    public static Credential copy(Credential c) {
        return new Credential(c.ticket(), org.openlsa.crypto.kerberos.KerberosKey.copyOf(c.sessionKey().type(),
                c.sessionKey().copyBytes()), c.part(), c.crealm(), c.cname(), c.padata());
    }

    public Optional<Cache> of(Luid session) {
        return Optional.ofNullable(caches.get(session));
    }

    /** The session ended: its tickets are destroyed. */
    public void end(Luid session) {
        Cache c = caches.remove(session);
        if (c != null) {
            c.end();
        }
    }

    /** The caches of the sessions now open (for the renewal sweep). */
    public List<Cache> caches() {
        return List.copyOf(caches.values());
    }

    /** Every session (for the package's shutdown). */
    public void endAll() {
        for (Luid l : List.copyOf(caches.keySet())) {
            end(l);
        }
    }
}
