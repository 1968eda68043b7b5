package org.openlsa.cli;

import java.util.Optional;
import org.openlsa.core.LsaException;
import org.openlsa.core.Sid;
import org.openlsa.core.WellKnownSids;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.AliasAccount;
import org.openlsa.sam.DomainInfo;

/**
 * LookupAccountSid for display: well-known SIDs by their Windows names, accounts of the domain and aliases from the
 * store. Also the reverse, for commands that name a principal: {@code DOMAIN\name}, {@code name}, a well-known name
 * or a SID string.
 */
final class SidNames {
    /** How whoami /groups classifies a SID. */
    enum Kind { USER, GROUP, ALIAS, WELL_KNOWN_GROUP, LABEL, LOGON_SID, UNKNOWN }

    record Named(String name, Kind kind) {}

    private final AccountStore store; // null: names of well-known SIDs only
    private final DomainInfo domain;

    SidNames(AccountStore store) throws LsaException {
        this.store = store;
        this.domain = store.domain();
    }

    private SidNames() {
        this.store = null;
        this.domain = null;
    }

    /** For a caller who cannot read the account database (not its owner): well-known names, SIDs otherwise. */
    static SidNames wellKnownOnly() {
        return new SidNames();
    }

    Named lookup(Sid sid) {
        if (store == null) {
            return WellKnownSids.lookup(sid).map(w -> new Named(w.qualifiedName(), kindOf(sid)))
                    .orElse(new Named(sid.toString(), Kind.UNKNOWN));
        }
        try {
            if (domain.sid().isDomainOf(sid)) {
                long rid = sid.rid();
                var user = store.findUser(rid);
                if (user.isPresent()) {
                    return new Named(domain.name() + "\\" + user.get().name(), Kind.USER);
                }
                var group = store.findGroup(rid);
                if (group.isPresent()) {
                    return new Named(domain.name() + "\\" + group.get().name(), Kind.GROUP);
                }
            }
            Optional<AliasAccount> alias = store.findAlias(sid);
            if (alias.isPresent()) {
                return new Named(alias.get().qualifiedName(domain.name()), Kind.ALIAS);
            }
        } catch (LsaException e) {
            return new Named(sid.toString(), Kind.UNKNOWN);
        }
        return WellKnownSids.lookup(sid).map(w -> new Named(w.qualifiedName(), kindOf(sid)))
                .orElse(new Named(sid.toString(), Kind.UNKNOWN));
    }

    private static Kind kindOf(Sid sid) {
        if (sid.identifierAuthority() == 16) {
            return Kind.LABEL;
        }
        if (WellKnownSids.isLogonSid(sid)) {
            return Kind.LOGON_SID;
        }
        return Kind.WELL_KNOWN_GROUP;
    }

    /**
     * A principal named by a person: a SID string, {@code DOMAIN\name} / {@code BUILTIN\name} / {@code NT AUTHORITY\name},
     * or a bare name looked up among users, groups, aliases and well-known SIDs, in that order.
     */
    Sid resolve(String principal) throws LsaException {
        if (store == null) {
            throw new LsaException(org.openlsa.core.NtStatus.ACCESS_DENIED, "the account database is not readable");
        }
        if (principal.regionMatches(true, 0, "S-", 0, 2) && Sid.isValid(principal)) {
            return Sid.parse(principal);
        }
        String name = principal;
        String qualifier = null;
        int slash = principal.indexOf('\\');
        if (slash >= 0) {
            qualifier = principal.substring(0, slash);
            name = principal.substring(slash + 1);
        }
        boolean ownDomain = qualifier == null || domain.answersTo(qualifier);
        if (ownDomain) {
            var user = store.findUser(name);
            if (user.isPresent()) {
                return user.get().sid();
            }
            var group = store.findGroup(name);
            if (group.isPresent()) {
                return group.get().sid();
            }
        }
        var alias = store.findAlias(name);
        if (alias.isPresent() && (qualifier == null || alias.get().qualifiedName(domain.name())
                .equalsIgnoreCase(qualifier + "\\" + name) || (ownDomain && !alias.get().isBuiltin()))) {
            return alias.get().sid();
        }
        for (var w : WellKnownSids.all()) {
            boolean match = qualifier == null ? w.name().equalsIgnoreCase(name) : w.qualifiedName().equalsIgnoreCase(principal);
            if (match) {
                return w.sid();
            }
        }
        throw new LsaException(org.openlsa.core.NtStatus.NONE_MAPPED, "no account, group, alias or well-known SID named '"
                + principal + "'");
    }
}
