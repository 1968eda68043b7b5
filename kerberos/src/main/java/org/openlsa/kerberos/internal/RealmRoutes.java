package org.openlsa.kerberos.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.kdc.client.KdcClient;
import org.openlsa.kdc.client.KdcTransport;
import org.openlsa.kdc.client.KpasswdClient;
import org.openlsa.kdc.protocol.EmbeddedKdc;
import org.openlsa.kerberos.Krb5Conf;
import org.openlsa.krb5.PrincipalName;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.DomainInfo;

/**
 * Which realm a logon names and how its KDC and kpasswd service are reached. The account database's own realm is
 * the embedded one, served by the {@link EmbeddedKdc} of this process (the one the daemon also serves on the
 * network), unless krb5.conf lists KDCs for it; every other realm is reached through krb5.conf's {@code kdc} and
 * {@code kpasswd_server} lines. The domain's names are read from the store at each call, so a rename is seen at once.
 */
public final class RealmRoutes {
    private final Krb5Conf conf;
    private final AccountStore store;
    private final Clock clock;
    private final SecureRandom random;
    private final KdcTransport embedded;
    private final KpasswdClient.Route embeddedKpasswd;

    /**
     * @param conf krb5.conf (empty for the embedded realm alone)
     * @param store the account database, whose realm is the embedded one
     * @param kdc the embedded realm's KDC in this process
     * @param clock the clock of the clients' requests (authenticator times, ticket lifetimes)
     * @param random the randomness of their nonces, confounders and subkeys
     */
    public RealmRoutes(Krb5Conf conf, AccountStore store, EmbeddedKdc kdc, Clock clock, SecureRandom random) {
        this.conf = Objects.requireNonNull(conf, "conf");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.embedded = KdcTransport.inProcess(kdc);
        // The kpasswd service of the same KDC object, so that it shares the KDC's replay cache.
        this.embeddedKpasswd = KpasswdClient.inProcess(kdc.kpasswd(InetAddress.getLoopbackAddress()));
    }

    /** {@link #resolve(DomainInfo, String, String)} against the store's domain as it is now. */
    public SessionTickets.Client resolve(String domain, String user) throws LsaException {
        return resolve(store.domain(), domain, user);
    }

    /**
     * The realm and principal of a logon: "user@REALM" with an empty domain is a UPN; otherwise the domain names
     * the realm: empty, ".", this domain's NetBIOS name or this machine's name mean the default realm (krb5.conf's
     * default_realm, else the embedded one); a realm krb5.conf lists is matched ignoring case; anything else is
     * taken, upper-cased, as a realm name.
     */
    public SessionTickets.Client resolve(DomainInfo local, String domain, String user) throws LsaException {
        String name = user;
        String realm;
        int at = user.lastIndexOf('@');
        if (domain.isEmpty() && at > 0 && at < user.length() - 1) {
            name = user.substring(0, at);
            realm = knownRealm(user.substring(at + 1), local);
        } else if (domain.isEmpty() || local.answersTo(domain)) {
            realm = conf.defaultRealm().orElse(local.realm());
        } else {
            realm = knownRealm(domain, local);
        }
        if (name.isEmpty()) {
            throw new LsaException(NtStatus.LOGON_FAILURE, NtStatus.NO_SUCH_USER, "empty user name");
        }
        return new SessionTickets.Client(realm, PrincipalName.principal(name));
    }

    /** A realm name as configured: the embedded realm's or krb5.conf's spelling when either matches ignoring case. */
    public String knownRealm(String name, DomainInfo local) {
        if (name.equalsIgnoreCase(local.realm())) {
            return local.realm();
        }
        for (String r : conf.realms()) {
            if (r.equalsIgnoreCase(name)) {
                return r;
            }
        }
        return name.toUpperCase(Locale.ROOT);
    }

    /** Whether {@code realm} is served by this process's KDC: the store's realm, unless krb5.conf lists KDCs for it. */
    public boolean isEmbedded(DomainInfo local, String realm) throws LsaException {
        try {
            return realm.equals(local.realm()) && conf.kdcs(realm).isEmpty();
        } catch (IOException e) {
            throw new LsaException(NtStatus.INVALID_PARAMETER, "krb5.conf: " + e.getMessage());
        }
    }

    /** A client of the realm's KDC. */
    public KdcClient client(String realm) throws LsaException {
        return client(realm, isEmbedded(store.domain(), realm));
    }

    /** A client of the realm's KDC, when the caller already knows whether the realm is the embedded one. */
    public KdcClient client(String realm, boolean embeddedRealm) throws LsaException {
        return new KdcClient(transport(realm, embeddedRealm), clock, random);
    }

    /** How to reach a realm's KDC: in this process for the embedded realm, else krb5.conf's kdc lines. */
    private KdcTransport transport(String realm, boolean embeddedRealm) throws LsaException {
        if (embeddedRealm) {
            return embedded;
        }
        try {
            List<KdcTransport.KdcAddress> kdcs = conf.kdcs(realm);
            if (kdcs.isEmpty()) {
                throw new LsaException(NtStatus.LOGON_FAILURE, NtStatus.NO_SUCH_DOMAIN, "no KDC is configured for realm "
                        + realm + " (krb5.conf [realms])");
            }
            return KdcTransport.network(kdcs, conf.kdcTimeout(), conf.udpPreferenceLimit());
        } catch (IOException e) {
            throw new LsaException(NtStatus.INVALID_PARAMETER, "krb5.conf: " + e.getMessage());
        }
    }

    /** A client of the realm's kpasswd service: in this process for the embedded realm, else krb5.conf's. */
    public KpasswdClient kpasswd(String realm) throws LsaException {
        if (isEmbedded(store.domain(), realm)) {
            return new KpasswdClient(List.of(embeddedKpasswd), clock, random);
        }
        try {
            List<KdcTransport.KdcAddress> servers = conf.kpasswdServers(realm);
            if (servers.isEmpty()) {
                throw new LsaException(NtStatus.NO_SUCH_DOMAIN, "no kpasswd server or KDC is configured for realm "
                        + realm + " (krb5.conf [realms])");
            }
            Duration timeout = conf.kdcTimeout();
            return new KpasswdClient(servers.stream().map(a -> KpasswdClient.network(a, timeout)).toList(), clock,
                    random);
        } catch (IOException e) {
            throw new LsaException(NtStatus.INVALID_PARAMETER, "krb5.conf: " + e.getMessage());
        }
    }
}
