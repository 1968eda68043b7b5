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

    /** One session's tickets: the TGT (if any) and service tickets, newest last. */
    public static final class Cache {
        private final List<Credential> tickets = new ArrayList<>();
        private boolean ended;

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

    /** Starts the cache of a new session with its first tickets. */
    public Cache start(Luid session, List<Credential> first) {
        Cache c = new Cache();
        first.forEach(c::add);
        Cache previous = caches.put(session, c);
        if (previous != null) {
            previous.end();
        }
        return c;
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

    /** Every session (for the package's shutdown). */
    public void endAll() {
        for (Luid l : List.copyOf(caches.keySet())) {
            end(l);
        }
    }
}
