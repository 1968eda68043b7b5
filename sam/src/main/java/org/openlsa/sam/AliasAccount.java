package org.openlsa.sam;

import java.util.Objects;
import org.openlsa.core.Sid;
import org.openlsa.core.WellKnownSids;

/**
 * A local group (alias): in the BUILTIN domain (S-1-5-32-x) or the account domain. Its members are any SIDs:
 * users, global groups, well-known SIDs such as INTERACTIVE, accounts of other domains.
 */
public record AliasAccount(Sid sid, String name, String description) {
    public AliasAccount {
        Objects.requireNonNull(sid, "sid");
        AccountNames.requireValid(name, AccountNames.MAX_GROUP_NAME, "alias");
        Objects.requireNonNull(description, "description");
    }

    public boolean isBuiltin() {
        return WellKnownSids.BUILTIN.isDomainOf(sid);
    }

    /** {@code BUILTIN\Administrators} or {@code DOMAIN\name}. */
    public String qualifiedName(String accountDomainName) {
        return (isBuiltin() ? WellKnownSids.BUILTIN_DOMAIN : accountDomainName) + "\\" + name;
    }
}
