package org.openlsa.sam;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.openlsa.core.LogonRight;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.core.Sid;
import org.openlsa.core.SidAndAttributes;
import org.openlsa.core.WellKnownSids;

/**
 * The logon-right check (SeNetworkLogonRight and its Deny twin, and so on for each logon type), shared by the
 * token builder and the KDC so both apply the one rule: the logon needs some SID of the token to hold the Allow
 * right and none to hold the Deny right.
 */
public final class LogonRights {
    private LogonRights() {}

    /** LOGON_TYPE_NOT_GRANTED unless some SID holds the Allow right and none the Deny right. */
    public static void require(SecurityLogonType type, Set<AccountRight> rights) throws LsaException {
        Optional<LogonRight[]> pair = LogonRight.forLogonType(type);
        if (pair.isEmpty()) {
            return;
        }
        LogonRight allow = pair.get()[0];
        LogonRight deny = pair.get()[1];
        boolean allowed = rights.contains(AccountRight.of(allow));
        boolean denied = rights.contains(AccountRight.of(deny));
        if (!allowed || denied) {
            throw new LsaException(NtStatus.LOGON_TYPE_NOT_GRANTED, "the account " + (denied ? "is denied " + deny
                    : "lacks " + allow) + " for a " + type.displayName() + " logon");
        }
    }

    /**
     * The well-known groups a token of logon {@code type} carries besides the account's own: Everyone, the logon
     * type's SID (REMOTE INTERACTIVE LOGON too for a remote interactive logon), and for an authenticated logon
     * Authenticated Users and This Organization (which a token holding Other Organization leaves out).
     */
    public static List<Sid> wellKnownGroups(SecurityLogonType type, boolean authenticated) {
        List<Sid> out = new ArrayList<>(5);
        out.add(WellKnownSids.WORLD);
        type.logonTypeSid().ifPresent(out::add);
        if (type == SecurityLogonType.REMOTE_INTERACTIVE) {
            out.add(WellKnownSids.REMOTE_INTERACTIVE_LOGON);
        }
        if (authenticated) {
            out.add(WellKnownSids.AUTHENTICATED_USERS);
            out.add(WellKnownSids.THIS_ORGANIZATION);
        }
        return out;
    }

    /**
     * The rights an authenticated {@code user} of this domain would hold in a token of logon {@code type}: over the
     * user, its global groups, the well-known SIDs such a token carries (Everyone, the logon type's SID,
     * Authenticated Users, This Organization) and the aliases containing any of them. For a caller that has no
     * token to build (the KDC deciding whether to issue a service ticket).
     */
    public static Set<AccountRight> of(AccountStore store, UserAccount user, DomainInfo domain,
                                       SecurityLogonType type) throws LsaException {
        Set<Sid> subjects = new LinkedHashSet<>();
        subjects.add(user.sid());
        for (SidAndAttributes g : SamAccounting.globalGroups(store, user, domain)) {
            subjects.add(g.sid());
        }
        subjects.addAll(wellKnownGroups(type, true));
        List<Sid> all = new ArrayList<>(subjects);
        all.addAll(store.aliasesContaining(subjects));
        return store.rightsOf(all);
    }
}
