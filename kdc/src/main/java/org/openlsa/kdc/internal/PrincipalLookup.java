package org.openlsa.kdc.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.openlsa.core.LsaException;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.crypto.kerberos.KerberosCrypto;
import org.openlsa.crypto.kerberos.KerberosKey;
import org.openlsa.krb5.ErrorCode;
import org.openlsa.krb5.PrincipalName;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.DomainInfo;
import org.openlsa.sam.KerberosKeyEntry;
import org.openlsa.sam.KerberosKeySet;
import org.openlsa.sam.UserAccount;

/**
 * Maps Kerberos principal names of the embedded realm onto SAM accounts, the way Active Directory does:
 * <ul>
 *   <li>{@code krbtgt/REALM} is the krbtgt account (RID 502);</li>
 *   <li>a one-component name is an account name ({@code alice}, {@code web$}); an NT-ENTERPRISE name
 *       {@code alice@realm} is the same account;</li>
 *   <li>a name of two or more components is a service principal name registered on an account
 *       ({@code HTTP/web.example.com}), so one account can answer to several SPNs and log on with any of them.</li>
 * </ul>
 * Realms compare case-insensitively, as Windows does (MIT compares exactly; clients send what krb5.conf says, and
 * {@code lsa krb5conf} writes the realm as stored).
 */
public final class PrincipalLookup {
    private final AccountStore store;

    public PrincipalLookup(AccountStore store) {
        this.store = store;
    }

    public boolean isOurRealm(DomainInfo domain, String realm) {
        return domain.realm().equalsIgnoreCase(realm);
    }

    /**
     * The client of an AS-REQ, or C_PRINCIPAL_UNKNOWN, under the name its tickets will carry. With
     * {@code canonicalize} (the request's CANONICALIZE option, RFC 6806) that is the account's own name as stored,
     * NT-PRINCIPAL, whatever the client typed ({@code ALICE}, {@code alice@realm} as an enterprise name), as Active
     * Directory (and Heimdal, Samba's KDC) answer; without it, the name as requested, which is what MIT's client
     * insists on then (it refuses a changed name as KDC_REP_MODIFIED), an enterprise name becoming its account part.
     */
    public KdcPrincipal client(DomainInfo domain, PrincipalName name, String realm, boolean canonicalize)
            throws KdcError, LsaException {
        if (!isOurRealm(domain, realm)) {
            throw new KdcError(ErrorCode.KDC_ERR_WRONG_REALM, "client realm " + realm + " is not " + domain.realm());
        }
        UserAccount account = account(domain, name, false).orElseThrow(() -> new KdcError(
                ErrorCode.KDC_ERR_C_PRINCIPAL_UNKNOWN, "client not found"));
        PrincipalName ticketName = canonicalize
                ? new PrincipalName(PrincipalName.NT_PRINCIPAL, List.of(account.name())) : asRequested(name);
        return withKeys(account, ticketName, KdcPrincipal.Role.ACCOUNT, ErrorCode.KDC_ERR_C_PRINCIPAL_UNKNOWN);
    }

    /** The server named by a request, or S_PRINCIPAL_UNKNOWN. */
    public KdcPrincipal service(DomainInfo domain, PrincipalName name, String realm) throws KdcError, LsaException {
        if (!isOurRealm(domain, realm)) {
            // No cross-realm trust: a referral or a foreign krbtgt is unknown here.
            throw new KdcError(ErrorCode.KDC_ERR_S_PRINCIPAL_UNKNOWN, "no trust with realm " + realm);
        }
        if (isChangePassword(name)) {
            return changePassword(domain, name);
        }
        boolean krbtgt = isKrbtgt(domain, name);
        Optional<UserAccount> account = krbtgt ? store.findUser(UserAccount.RID_KRBTGT) : account(domain, name, true);
        return withKeys(account.orElseThrow(() -> new KdcError(ErrorCode.KDC_ERR_S_PRINCIPAL_UNKNOWN,
                "server not found: " + name)), name, krbtgt ? KdcPrincipal.Role.KRBTGT : KdcPrincipal.Role.ACCOUNT,
                ErrorCode.KDC_ERR_S_PRINCIPAL_UNKNOWN);
    }

    /** {@code kadmin/changepw}, the kpasswd service's name (RFC 3244 2; MIT and Active Directory use it). */
    public static boolean isChangePassword(PrincipalName name) {
        List<String> s = name.nameString();
        return s.size() == 2 && s.get(0).equals("kadmin") && s.get(1).equals("changepw");
    }

    /**
     * The kpasswd service. Active Directory registers kadmin/changepw on the krbtgt account, so a kpasswd ticket is
     * sealed in krbtgt's key; the header's sname is not protected, and a client that rewrites it gets a kpasswd
     * ticket accepted as a TGT (Samba's CVE-2022-32744 is that mistake). Here the service has keys of its own, one
     * per krbtgt key: PRF+ of that key over a fixed label (RFC 6113 5.1), at krbtgt's kvno. They change when krbtgt's
     * keys do, nothing stores them, and no ticket for one service opens as a ticket for the other.
     */
    private KdcPrincipal changePassword(DomainInfo domain, PrincipalName name) throws KdcError, LsaException {
        UserAccount krbtgt = store.findUser(UserAccount.RID_KRBTGT).orElseThrow(
                () -> new KdcError(ErrorCode.KDC_ERR_S_PRINCIPAL_UNKNOWN, "the realm has no krbtgt account"));
        try (KdcPrincipal k = withKeys(krbtgt, PrincipalName.krbtgt(domain.realm()), KdcPrincipal.Role.KRBTGT,
                ErrorCode.KDC_ERR_S_PRINCIPAL_UNKNOWN)) {
            List<KerberosKeyEntry> derived = new ArrayList<>();
            for (int etype : k.enctypes()) {
                Optional<KerberosKey> key = k.key(etype);
                if (key.isEmpty()) {
                    continue; // an enctype this build cannot use
                }
                try (KerberosKey base = key.get()) {
                    byte[] bytes = KerberosCrypto.prfPlus(base, CHANGEPW_KEY_LABEL, base.type().keyLength());
                    derived.add(new KerberosKeyEntry(etype, new byte[0], SecretBytes.adopt(bytes)));
                }
            }
            return new KdcPrincipal(krbtgt, new KerberosKeySet(k.kvno(), derived), name,
                    KdcPrincipal.Role.CHANGE_PASSWORD);
        }
    }

    private static final byte[] CHANGEPW_KEY_LABEL =
            "OpenLSA kadmin/changepw service key".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** The account behind a name the KDC already trusts (the client of a ticket it issued). */
    public Optional<UserAccount> accountOf(DomainInfo domain, PrincipalName name) throws LsaException {
        return account(domain, name, false);
    }

    /** This realm's krbtgt as a service. */
    public KdcPrincipal krbtgt(DomainInfo domain) throws KdcError, LsaException {
        return service(domain, PrincipalName.krbtgt(domain.realm()), domain.realm());
    }

    public static boolean isKrbtgt(DomainInfo domain, PrincipalName name) {
        List<String> s = name.nameString();
        return s.size() == 2 && s.get(0).equals("krbtgt") && s.get(1).equalsIgnoreCase(domain.realm());
    }

    private Optional<UserAccount> account(DomainInfo domain, PrincipalName name, boolean asService)
            throws LsaException {
        List<String> s = name.nameString();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        if (s.size() == 1) {
            String n = s.get(0);
            if (name.nameType() == PrincipalName.NT_ENTERPRISE) {
                int at = n.lastIndexOf('@');
                if (at > 0) {
                    String suffix = n.substring(at + 1);
                    if (!suffix.equalsIgnoreCase(domain.realm())) {
                        return Optional.empty();
                    }
                    n = n.substring(0, at);
                }
            }
            if (n.equalsIgnoreCase("krbtgt") && !asService) {
                return Optional.empty();
            }
            return store.findUser(n);
        }
        if (isKrbtgt(domain, name)) {
            return asService ? store.findUser(UserAccount.RID_KRBTGT) : Optional.empty();
        }
        return store.findUserByServicePrincipalName(String.join("/", s));
    }

    /** The requested name as a ticket carries it: an enterprise name becomes its account part (alice@realm: alice). */
    private static PrincipalName asRequested(PrincipalName name) {
        if (name.nameType() == PrincipalName.NT_ENTERPRISE && name.nameString().size() == 1) {
            String n = name.nameString().get(0);
            int at = n.lastIndexOf('@');
            return new PrincipalName(PrincipalName.NT_PRINCIPAL, List.of(at > 0 ? n.substring(0, at) : n));
        }
        return name;
    }

    private KdcPrincipal withKeys(UserAccount account, PrincipalName name, KdcPrincipal.Role role, ErrorCode noKeys)
            throws KdcError, LsaException {
        Optional<KerberosKeySet> keys = store.kerberosKeys(account.rid());
        if (keys.isEmpty() || keys.get().keys().isEmpty()) {
            keys.ifPresent(KerberosKeySet::destroy);
            // An account without keys (no password ever set) cannot take part; MIT says NULL_KEY, AD says unknown.
            throw new KdcError(noKeys, "account " + account.name().toLowerCase(Locale.ROOT) + " has no Kerberos keys");
        }
        return new KdcPrincipal(account, keys.get(), name, role);
    }
}
