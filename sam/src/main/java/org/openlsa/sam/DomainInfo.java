package org.openlsa.sam;

import java.util.Objects;
import org.openlsa.core.Sid;

/**
 * The account domain this SAM holds: its NetBIOS-style name, its SID (S-1-5-21-a-b-c), the machine's name (used as
 * logon server and for workstation checks of interactive logons), and its policy.
 */
public record DomainInfo(String name, Sid sid, String machineName, DomainPolicy policy) {
    public DomainInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(machineName, "machineName");
        Objects.requireNonNull(policy, "policy");
    }

    /** True for the names a logon may use for this domain: its name, the machine name, "." or empty. */
    public boolean answersTo(String domainName) {
        return domainName.isEmpty() || domainName.equals(".") || domainName.equalsIgnoreCase(name)
                || domainName.equalsIgnoreCase(machineName);
    }
}
