package org.openlsa.kdc.internal;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openlsa.crypto.kerberos.EncryptionType;
import org.openlsa.crypto.kerberos.KerberosKey;
import org.openlsa.krb5.PrincipalName;
import org.openlsa.sam.KerberosKeyEntry;
import org.openlsa.sam.KerberosKeySet;
import org.openlsa.sam.UserAccount;

/**
 * An account as the KDC sees it for one request: the SAM account, its keys (a fresh copy owned by this value and
 * destroyed with it) and the principal name the request used for it.
 */
public final class KdcPrincipal implements AutoCloseable {
    private final UserAccount account;
    private final KerberosKeySet keys;
    private final PrincipalName name;
    private final Role role;

    /** What the principal is to the KDC. */
    enum Role {
        /** A SAM account: a user, a computer, a service by one of its SPNs. */
        ACCOUNT,
        /** krbtgt/REALM, the ticket-granting service. */
        KRBTGT,
        /** kadmin/changepw, the password-change service (RFC 3244), whose key is derived from krbtgt's. */
        CHANGE_PASSWORD
    }

    KdcPrincipal(UserAccount account, KerberosKeySet keys, PrincipalName name, Role role) {
        this.account = Objects.requireNonNull(account, "account");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.name = Objects.requireNonNull(name, "name");
        this.role = Objects.requireNonNull(role, "role");
    }

    public UserAccount account() {
        return account;
    }

    public PrincipalName name() {
        return name;
    }

    public boolean isKrbtgt() {
        return role == Role.KRBTGT;
    }

    /** kadmin/changepw: tickets for it only change passwords, so they are short, initial-only and carry no PAC. */
    public boolean isChangePassword() {
        return role == Role.CHANGE_PASSWORD;
    }

    public int kvno() {
        return keys.kvno();
    }

    /** The enctypes this principal has keys for. */
    public List<Integer> enctypes() {
        return keys.enctypes();
    }

    public Optional<KerberosKeyEntry> entry(int enctype) {
        return keys.key(enctype);
    }

    /** A fresh key object for {@code enctype}, which the caller closes; empty when the principal has none. */
    public Optional<KerberosKey> key(int enctype) {
        Optional<EncryptionType> type = EncryptionType.of(enctype);
        Optional<KerberosKeyEntry> entry = keys.key(enctype);
        if (type.isEmpty() || entry.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(KerberosKey.adopt(type.get(), entry.get().key().copyBytes()));
    }

    /** The first of {@code preference} this principal has a key for. */
    public Optional<Integer> firstEnctypeOf(List<Integer> preference) {
        for (int e : preference) {
            if (keys.key(e).isPresent() && EncryptionType.of(e).isPresent()) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * The key of the first enctype in {@code allowed} (policy order) this principal has: the key a ticket for it
     * is encrypted in, and the krbtgt key PACs are signed with. The caller closes it.
     */
    public KerberosKey bestKey(List<Integer> allowed) throws KdcError {
        int etype = firstEnctypeOf(allowed).orElseThrow(() -> new KdcError(
                org.openlsa.krb5.ErrorCode.KDC_ERR_ETYPE_NOSUPP, "no key of an allowed enctype for " + name));
        return key(etype).orElseThrow();
    }

    @Override
    public void close() {
        keys.destroy();
    }
}
