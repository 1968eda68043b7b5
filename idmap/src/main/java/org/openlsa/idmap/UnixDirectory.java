package org.openlsa.idmap;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The host's users and groups as far as id mapping needs them: whether an id already belongs to a local account
 * (then a mapped id must not reuse it) and the passwd entry of a linked account. {@link #system()} asks the C
 * library (NSS: /etc/passwd, LDAP, sssd, ...); tests give a fixed table.
 */
public interface UnixDirectory {

    /** The user name of {@code uid}; empty when no passwd entry has it. */
    Optional<String> userName(long uid);

    /** The primary group (pw_gid) of {@code uid}; empty when no passwd entry has it. */
    OptionalLong primaryGid(long uid);

    /** The group name of {@code gid}; empty when no group entry has it. */
    Optional<String> groupName(long gid);

    /** The running system's account database, through {@link UnixAccounts}. */
    static UnixDirectory system() {
        return new UnixDirectory() {
            @Override
            public Optional<String> userName(long uid) {
                return UnixAccounts.nameOfUid(uid);
            }

            @Override
            public OptionalLong primaryGid(long uid) {
                return UnixAccounts.primaryGidOf(uid);
            }

            @Override
            public Optional<String> groupName(long gid) {
                return UnixAccounts.nameOfGid(gid);
            }
        };
    }
}
