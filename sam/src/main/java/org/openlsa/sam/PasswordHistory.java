package org.openlsa.sam;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.crypto.SecretBytes;

/**
 * Active Directory's "Enforce password history" over a user's remembered NT hashes (MS-SAMR 3.1.1.7.1, password
 * history length constraint; 3.1.1.9.1, password history update). Only hashes are kept: the NT hash decides equality
 * of passwords, and the Kerberos keys derive from the same password.
 */
final class PasswordHistory {
    private PasswordHistory() {}

    /**
     * Checks (when {@code check}) and records {@code newHash} as the user's newest password, inside the caller's
     * transaction.
     *
     * <p>The check compares the new hash with the current one and with every remembered one, each in constant time
     * and all of them every time, so neither the outcome of one comparison nor the position of a match shows in the
     * time taken. The record follows 3.1.1.9.1: with a length of 0 the history is emptied; otherwise the new hash goes
     * first (the current password, when nothing was remembered yet, right after it) and the list is cut to the length.
     *
     * @param length the policy's history length, 0..24
     * @throws LsaException PASSWORD_RESTRICTION when {@code check} and the password is the current or a remembered one
     */
    static void update(AccountStore store, long rid, SecretBytes newHash, int length, boolean check)
            throws LsaException {
        List<SecretBytes> remembered = store.passwordHistory(rid);
        Optional<SecretBytes> current = store.ntHash(rid);
        try {
            if (check && length > 0 && matchesAny(newHash, current, remembered.subList(0,
                    Math.min(length, remembered.size())))) {
                throw new LsaException(NtStatus.PASSWORD_RESTRICTION, "the password is the current one or one of the "
                        + "last " + length + " (the policy's password history)");
            }
            List<SecretBytes> next = new ArrayList<>();
            if (length > 0) {
                next.add(newHash);
                if (remembered.isEmpty()) {
                    // 3.1.1.9.1 step 1: the password being replaced starts the history (once, if it is set again).
                    current.filter(c -> !c.equalsConstantTime(newHash)).ifPresent(next::add);
                } else {
                    next.addAll(remembered);
                }
            }
            store.setPasswordHistory(rid, next.subList(0, Math.min(length, next.size())));
        } finally {
            remembered.forEach(SecretBytes::destroy);
            current.ifPresent(SecretBytes::destroy);
        }
    }

    /** Whether {@code candidate} equals any of the hashes; every one is compared, whatever matched before. */
    static boolean matchesAny(SecretBytes candidate, Optional<SecretBytes> current, List<SecretBytes> remembered) {
        boolean found = false;
        if (current.isPresent()) {
            found |= candidate.equalsConstantTime(current.get());
        }
        for (SecretBytes h : remembered) {
            found |= candidate.equalsConstantTime(h);
        }
        return found;
    }
}
