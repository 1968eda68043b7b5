package org.openlsa.sam;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.crypto.LmOwf;
import org.openlsa.crypto.NtOwf;
import org.openlsa.crypto.SecretBytes;

/**
 * Setting a password: checked against the domain policy (length, complexity, and on a user's change the history),
 * stored as its NT hash (never the password; also as its LM
 * hash while the domain's NTLM policy allows LAN Manager, and only then) and as Kerberos keys for the domain's
 * enctypes under a new key version number, with
 * PasswordLastSet and the must-change flag updated in the same transaction.
 */
public final class Passwords {
    private Passwords() {}

    /** Whose request sets the password; MS-SAMR 3.1.1.7.1 checks the history only on a change. */
    public enum Kind {
        /** The user, knowing the old password (MsV1_0ChangePassword, kpasswd for oneself): history checked. */
        CHANGE,
        /**
         * An administrator's reset (lsa init, lsa user add/passwd, kpasswd set for another account): as Active
         * Directory does without the LDAP_SERVER_POLICY_HINTS control, the history is not checked, but the new
         * hash is remembered.
         */
        SET
    }

    /**
     * An administrator sets a user's password ({@link Kind#SET}).
     *
     * @param utf16lePassword the new password in UTF-16LE; not destroyed here
     * @param mustChange whether the user must change it at next logon (an administrator's reset usually sets this)
     * @throws LsaException PASSWORD_RESTRICTION when the policy refuses it ({@link #requireAcceptable}); NO_SUCH_USER
     */
    public static void set(AccountStore store, long rid, SecretBytes utf16lePassword, Instant now, boolean mustChange)
            throws LsaException {
        set(store, rid, utf16lePassword, now, mustChange, Kind.SET);
    }

    /**
     * The user changes its own password ({@link Kind#CHANGE}): as {@link #set}, and a password equal to the current
     * one or to one of the remembered ones is refused. The caller has checked the old password and the minimum age.
     *
     * @throws LsaException PASSWORD_RESTRICTION when the policy refuses it; NO_SUCH_USER
     */
    public static void change(AccountStore store, long rid, SecretBytes utf16lePassword, Instant now)
            throws LsaException {
        set(store, rid, utf16lePassword, now, false, Kind.CHANGE);
    }

    private static void set(AccountStore store, long rid, SecretBytes utf16lePassword, Instant now, boolean mustChange,
                            Kind kind) throws LsaException {
        DomainInfo domain = store.domain();
        DomainPolicy policy = domain.policy();
        UserAccount user = store.findUser(rid)
                .orElseThrow(() -> new LsaException(NtStatus.NO_SUCH_USER, "no user with RID " + rid));
        requireAcceptable(policy, user.name(), user.fullName(), utf16lePassword);
        boolean lanman = policy.ntlm().lanmanAuth();
        int kvno = store.kerberosKeys(rid).map(k -> {
            k.destroy();
            return k.kvno() + 1;
        }).orElse(1);
        try (SecretBytes hash = NtOwf.ntOwfV1(utf16lePassword);
             SecretBytes lm = lanman ? lmHash(utf16lePassword).orElse(null) : null;
             KerberosKeySet keys = kerberosKeys(domain, user, kvno, utf16lePassword)) {
            // One transaction: the history read, the check, the new hashes and the new history stand or fall together.
            store.transact(s -> {
                PasswordHistory.update(s, rid, hash, policy.passwordHistoryLength(), kind == Kind.CHANGE);
                s.setNtHash(rid, Optional.of(hash));
                if (lm != null) {
                    s.setLmHash(rid, Optional.of(lm));
                }
                s.setKerberosKeys(rid, keys);
                s.updateUser(rid, u -> u.toBuilder()
                        .passwordLastSet(Optional.of(now))
                        .flag(AccountFlag.MUST_CHANGE_PASSWORD, mustChange)
                        .build());
                return null;
            });
        }
    }

    /**
     * Whether {@code policy} accepts the password as a new one for the account {@code accountName} with full name
     * {@code fullName} (what {@link #set} checks first; {@code lsa init} checks it before creating anything): at least
     * the minimum length, in UTF-16 code units as SAM counts them, and, while the policy has complexity on,
     * {@link PasswordComplexity}'s rule.
     *
     * @throws LsaException PASSWORD_RESTRICTION naming the rule that refused it (never the password)
     */
    public static void requireAcceptable(DomainPolicy policy, String accountName, String fullName,
                                         SecretBytes utf16lePassword) throws LsaException {
        int minLength = policy.minPasswordLength();
        if (utf16lePassword.length() / 2 < minLength) {
            throw new LsaException(NtStatus.PASSWORD_RESTRICTION, utf16lePassword.length() == 0
                    ? "an empty password is not allowed: the policy's minimum length is " + minLength + " characters"
                    : "the password is shorter than the policy's minimum of " + minLength + " characters");
        }
        if (!policy.passwordComplexity()) {
            return;
        }
        Optional<String> why = utf16lePassword.readChars(chars ->
                PasswordComplexity.violation(chars, accountName, fullName));
        if (why.isPresent()) {
            throw new LsaException(NtStatus.PASSWORD_RESTRICTION, why.get()
                    + " (the policy's complexity rule; lsa policy set --complexity false turns it off)");
        }
    }

    /**
     * The Kerberos keys of the password for every enctype the domain's Kerberos policy names, salted with the
     * RFC 4120 default salt of the user's principal (REALM + name). Deriving them here, at the one place a password
     * is known, is what lets the KDC serve a user without ever storing the password.
     */
    private static KerberosKeySet kerberosKeys(DomainInfo domain, UserAccount user, int kvno,
                                               SecretBytes utf16lePassword) {
        byte[] salt = KerberosKeys.defaultSalt(domain.realm(), List.of(user.name()));
        try (SecretBytes utf8 = utf8(utf16lePassword)) {
            return KerberosKeys.passwordKeySet(domain.policy().kerberos().enctypes(), kvno, utf8, salt);
        }
    }

    /**
     * The password re-encoded as UTF-8 (RFC 3962's string-to-key input), secret to secret
     * ({@link SecretBytes#utf16leToUtf8}).
     */
    public static SecretBytes utf8(SecretBytes utf16lePassword) {
        return utf16lePassword.utf16leToUtf8();
    }

    /** LMOWFv1 of a UTF-16LE password; empty when it has none (longer than 14 characters, or not OEM). */
    private static Optional<SecretBytes> lmHash(SecretBytes utf16lePassword) {
        return utf16lePassword.readChars(LmOwf::lmOwfV1);
    }

    /** Whether {@code utf16lePassword} is the user's password: NTOWFv1 compared in constant time. */
    public static boolean matches(AccountStore store, UserAccount user, SecretBytes utf16lePassword) throws LsaException {
        Optional<SecretBytes> stored = store.ntHash(user.rid());
        try (SecretBytes given = NtOwf.ntOwfV1(utf16lePassword)) {
            if (stored.isEmpty()) {
                // No password set: only an empty password, and only with PASSWORD_NOT_REQUIRED.
                return user.has(AccountFlag.PASSWORD_NOT_REQUIRED) && utf16lePassword.length() == 0;
            }
            try (SecretBytes s = stored.get()) {
                return s.equalsConstantTime(given);
            }
        }
    }

    /**
     * Spends what {@link #matches} costs, for a user that does not exist, so that an unknown user is not told apart
     * from a wrong password by timing: the same read of a stored hash (the stand-in Guest's, never compared) and the
     * same hash computation and constant-time comparison, against an all-zero value (the comparison's time does not
     * depend on the value, so a per-name stand-in would buy nothing).
     */
    public static void burnEquivalentWork(AccountStore store, SecretBytes utf16lePassword) throws LsaException {
        store.ntHash(UserAccount.RID_GUEST).ifPresent(SecretBytes::destroy);
        burnEquivalentWork(utf16lePassword);
    }

    /** The hash computation and comparison alone, where no store read is on the known path either. */
    public static void burnEquivalentWork(SecretBytes utf16lePassword) {
        try (SecretBytes given = NtOwf.ntOwfV1(utf16lePassword); SecretBytes dummy = SecretBytes.adopt(new byte[16])) {
            dummy.equalsConstantTime(given);
        }
    }
}
