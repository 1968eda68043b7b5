package org.openlsa.engine;

import java.util.Objects;
import org.openlsa.core.Sid;

/**
 * One entry of LSA_REFERENCED_DOMAIN_LIST (LSAPR_TRUST_INFORMATION): a domain that translated SIDs or names belong
 * to, by flat name and SID ({@code NT AUTHORITY} S-1-5, {@code BUILTIN} S-1-5-32, the account domain, ...).
 */
public record ReferencedDomain(String name, Sid sid) {
    public ReferencedDomain {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sid, "sid");
    }
}
