package org.openlsa.sam;

import java.util.Objects;
import java.util.Optional;
import org.openlsa.core.LogonRight;
import org.openlsa.core.Privilege;

/**
 * What the LSA policy grants an account (LsaAddAccountRights): a privilege, which lands in the account's tokens, or a
 * logon right, which the LSA checks at logon. Exactly one of the two is present.
 */
public record AccountRight(Optional<Privilege> privilege, Optional<LogonRight> logonRight) {
    public AccountRight {
        if (privilege.isPresent() == logonRight.isPresent()) {
            throw new IllegalArgumentException("an account right is a privilege or a logon right");
        }
    }

    public static AccountRight of(Privilege p) {
        return new AccountRight(Optional.of(p), Optional.empty());
    }

    public static AccountRight of(LogonRight r) {
        return new AccountRight(Optional.empty(), Optional.of(r));
    }

    /** By name, case-insensitively ({@code SeTcbPrivilege}, {@code SeInteractiveLogonRight}); empty if unknown. */
    public static Optional<AccountRight> byName(String name) {
        Objects.requireNonNull(name, "name");
        return Privilege.byName(name).map(AccountRight::of).or(() -> LogonRight.byName(name).map(AccountRight::of));
    }

    public String name() {
        return privilege.map(Privilege::privilegeName).orElseGet(() -> logonRight.orElseThrow().rightName());
    }

    @Override
    public String toString() {
        return name();
    }
}
