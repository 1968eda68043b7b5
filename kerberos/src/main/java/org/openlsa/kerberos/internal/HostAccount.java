package org.openlsa.kerberos.internal;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.openlsa.core.LsaException;
import org.openlsa.sam.AccountFlag;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.DomainInfo;
import org.openlsa.sam.KerberosKeySet;
import org.openlsa.sam.KerberosKeys;
import org.openlsa.sam.UserAccount;

/**
 * This machine's own account in the embedded realm, the way a domain controller has one: {@code MACHINE$}, a server
 * trust account with random keys and the service principal name {@code host/machine}. The Kerberos package needs
 * it to act as the host (S4U2Self, MS-SFU 3.2.5.1, names the requesting service as the TGT's client) and to know
 * which service tickets are for this host (KERB_TICKET_LOGON).
 *
 * <p>It is created the first time it is needed, not when the realm is provisioned, so the relative IDs of the
 * accounts an administrator creates are the same whether or not Kerberos logons ever happen. An administrator who
 * has put {@code host/machine} on another account (a keytab exported for it, say) has chosen that account instead.
 */
public final class HostAccount {
    private HostAccount() {}

    /** The host's service principal name in the embedded realm: {@code host/} and the machine name, lower-cased. */
    public static String spn(DomainInfo domain) {
        return "host/" + domain.machineName().toLowerCase(Locale.ROOT);
    }

    /** The account that holds {@link #spn}, if any. */
    public static Optional<UserAccount> find(AccountStore store, DomainInfo domain) throws LsaException {
        return store.findUserByServicePrincipalName(spn(domain));
    }

    /** The host's account, created (in one transaction, with random keys) when there is none. */
    public static UserAccount ensure(AccountStore store, DomainInfo domain, SecureRandom random, Instant now)
            throws LsaException {
        Optional<UserAccount> existing = find(store, domain);
        if (existing.isPresent()) {
            return existing.get();
        }
        return store.transact(s -> {
            Optional<UserAccount> raced = find(s, domain);
            if (raced.isPresent()) {
                return raced.get();
            }
            String name = domain.machineName().toUpperCase(Locale.ROOT) + "$";
            UserAccount account = UserAccount.newAccount(domain.sid(), s.allocateRid(), name)
                    .description("This host, as the Kerberos package of the LSA acts for it")
                    .flag(AccountFlag.SERVER_TRUST_ACCOUNT, true)
                    .flag(AccountFlag.PASSWORD_NEVER_EXPIRES, true)
                    .passwordLastSet(Optional.of(now))
                    .build();
            s.createUser(account, Optional.empty());
            try (KerberosKeySet keys = KerberosKeys.randomKeySet(domain.policy().kerberos().enctypes(), 1,
                    KerberosKeys.defaultSalt(domain.realm(), List.of(name)), random)) {
                s.setKerberosKeys(account.rid(), keys);
            }
            s.addServicePrincipalName(account.rid(), spn(domain));
            return s.findUser(account.rid()).orElseThrow();
        });
    }
}
