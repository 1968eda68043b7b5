package org.openlsa.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.core.Sid;
import org.openlsa.core.WellKnownSid;
import org.openlsa.core.WellKnownSids;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.AliasAccount;
import org.openlsa.sam.DomainInfo;

/**
 * The LSA's name services over an account store (MS-LSAT LsarLookupSids / LsarLookupNames, local scope only):
 * well-known SIDs, the BUILTIN domain, the account domain's users, groups and aliases, logon SIDs and Samba's Unix
 * SIDs. No access check happens here: {@link LsaConnection#lookupSids} decides who may ask; an administration tool
 * that owns the database may use this class directly.
 */
public final class NameTranslator {
    /** LSAPR_SID_ENUM_BUFFER's range: at most 20480 SIDs per call. */
    public static final int MAX_SIDS = 20480;
    /** LsarLookupNames's range: at most 1000 names per call. */
    public static final int MAX_NAMES = 1000;

    private static final String MANDATORY_LABEL = "Mandatory Label";
    /** The SID of each domain that well-known SIDs name (their flat names from {@link WellKnownSids}). */
    private static final Map<String, Sid> WELL_KNOWN_DOMAINS = Map.of(
            WellKnownSids.NT_AUTHORITY, WellKnownSids.NT_AUTHORITY_SID,
            WellKnownSids.BUILTIN_DOMAIN, WellKnownSids.BUILTIN,
            MANDATORY_LABEL, Sid.of(16),
            "NT SERVICE", Sid.of(5, 80),
            WellKnownSids.UNIX_USER_DOMAIN, Sid.of(22, 1),
            WellKnownSids.UNIX_GROUP_DOMAIN, Sid.of(22, 2));

    private final AccountStore store;

    public NameTranslator(AccountStore store) {
        this.store = store;
    }

    /**
     * LsaLookupSids: one name per SID, in order; a SID nobody knows reads SidTypeUnknown with its string form.
     *
     * @throws LsaException INVALID_PARAMETER for more than {@link #MAX_SIDS} SIDs
     */
    public LookupSidsResult lookupSids(List<Sid> sids) throws LsaException {
        if (sids.size() > MAX_SIDS) {
            throw new LsaException(NtStatus.INVALID_PARAMETER, "at most " + MAX_SIDS + " SIDs per lookup, not "
                    + sids.size());
        }
        return store.readScope(s -> {
            DomainInfo domain = s.domain();
            Domains domains = new Domains();
            List<TranslatedName> names = new ArrayList<>(sids.size());
            for (Sid sid : sids) {
                names.add(translate(sid, domain, domains));
            }
            return new LookupSidsResult(domains.list, names);
        });
    }

    private TranslatedName translate(Sid sid, DomainInfo domain, Domains domains) throws LsaException {
        if (sid.equals(domain.sid())) {
            return new TranslatedName(SidNameUse.DOMAIN, domain.name(), domains.index(domain.name(), domain.sid()));
        }
        if (sid.equals(WellKnownSids.BUILTIN)) {
            return new TranslatedName(SidNameUse.DOMAIN, WellKnownSids.BUILTIN_DOMAIN,
                    domains.index(WellKnownSids.BUILTIN_DOMAIN, WellKnownSids.BUILTIN));
        }
        if (domain.sid().isDomainOf(sid)) {
            long rid = sid.rid();
            var user = store.findUser(rid);
            if (user.isPresent()) {
                return inAccountDomain(SidNameUse.USER, user.get().name(), domain, domains);
            }
            var group = store.findGroup(rid);
            if (group.isPresent()) {
                return inAccountDomain(SidNameUse.GROUP, group.get().name(), domain, domains);
            }
        }
        Optional<AliasAccount> alias = store.findAlias(sid);
        if (alias.isPresent()) {
            return alias.get().isBuiltin()
                    ? new TranslatedName(SidNameUse.ALIAS, alias.get().name(),
                            domains.index(WellKnownSids.BUILTIN_DOMAIN, WellKnownSids.BUILTIN))
                    : inAccountDomain(SidNameUse.ALIAS, alias.get().name(), domain, domains);
        }
        Optional<WellKnownSid> known = WellKnownSids.lookup(sid);
        if (known.isEmpty()) {
            return new TranslatedName(SidNameUse.UNKNOWN, sid.toString(), -1); // LsaLookupSids: the SID's own string
        }
        WellKnownSid w = known.get();
        int index = w.domain().isEmpty() ? -1 : domains.index(w.domain(), domainSidOf(w));
        return new TranslatedName(useOf(w), w.name(), index);
    }

    private static TranslatedName inAccountDomain(SidNameUse use, String name, DomainInfo domain, Domains domains) {
        return new TranslatedName(use, name, domains.index(domain.name(), domain.sid()));
    }

    /** Samba's kinds for Unix SIDs (a user, a group), labels, logon SIDs, BUILTIN aliases; the rest are groups. */
    private static SidNameUse useOf(WellKnownSid w) {
        if (w.sid().equals(WellKnownSids.BUILTIN) || w.sid().equals(WellKnownSids.NT_AUTHORITY_SID)) {
            return SidNameUse.DOMAIN;
        }
        return switch (w.domain()) {
            case WellKnownSids.UNIX_USER_DOMAIN -> SidNameUse.USER;
            case WellKnownSids.UNIX_GROUP_DOMAIN -> SidNameUse.GROUP;
            case MANDATORY_LABEL -> SidNameUse.LABEL;
            case WellKnownSids.BUILTIN_DOMAIN -> SidNameUse.ALIAS;
            default -> WellKnownSids.isLogonSid(w.sid()) ? SidNameUse.LOGON_SESSION : SidNameUse.WELL_KNOWN_GROUP;
        };
    }

    private static Sid domainSidOf(WellKnownSid w) {
        Sid s = WELL_KNOWN_DOMAINS.get(w.domain());
        return s != null ? s : w.sid().parent();
    }

    /**
     * LsaLookupNames2: one SID per name, in order. A name is {@code DOMAIN\name}, {@code DOMAIN\} or a domain's
     * flat name alone (the domain itself), or an isolated name, searched as MS-LSAT 3.1.4.5 orders it: well-known
     * names, then the BUILTIN and account domains' own names, then BUILTIN aliases, then the account domain's users,
     * groups and aliases. Names compare case-insensitively.
     *
     * @throws LsaException INVALID_PARAMETER for more than {@link #MAX_NAMES} names
     */
    public LookupNamesResult lookupNames(List<String> names) throws LsaException {
        if (names.size() > MAX_NAMES) {
            throw new LsaException(NtStatus.INVALID_PARAMETER, "at most " + MAX_NAMES + " names per lookup, not "
                    + names.size());
        }
        return store.readScope(s -> {
            DomainInfo domain = s.domain();
            Domains domains = new Domains();
            List<TranslatedSid> sids = new ArrayList<>(names.size());
            for (String name : names) {
                sids.add(translate(name, domain, domains));
            }
            return new LookupNamesResult(domains.list, sids);
        });
    }

    private TranslatedSid translate(String principal, DomainInfo domain, Domains domains) throws LsaException {
        if (principal.isEmpty()) {
            return TranslatedSid.NOT_MAPPED;
        }
        int slash = principal.indexOf('\\');
        if (slash < 0) {
            return isolated(principal, domain, domains);
        }
        String qualifier = principal.substring(0, slash);
        String name = principal.substring(slash + 1);
        boolean builtin = qualifier.equalsIgnoreCase(WellKnownSids.BUILTIN_DOMAIN);
        boolean own = !builtin && !qualifier.isEmpty() && domain.answersTo(qualifier);
        if (name.isEmpty()) {
            return builtin ? builtinDomain(domains) : own ? accountDomain(domain, domains) : TranslatedSid.NOT_MAPPED;
        }
        if (own) {
            Optional<TranslatedSid> account = accountDomainObject(name, domain, domains, false);
            if (account.isPresent()) {
                return account.get();
            }
        }
        if (builtin) {
            Optional<TranslatedSid> alias = builtinAlias(name, domains);
            if (alias.isPresent()) {
                return alias.get();
            }
        }
        if (qualifier.equalsIgnoreCase(WellKnownSids.UNIX_USER_DOMAIN) || qualifier.equalsIgnoreCase(WellKnownSids.UNIX_GROUP_DOMAIN)) {
            return unix(qualifier, name, domains);
        }
        for (WellKnownSid w : WellKnownSids.all()) {
            if (!w.domain().isEmpty() && w.qualifiedName().equalsIgnoreCase(principal)) {
                return known(w, domains);
            }
        }
        return TranslatedSid.NOT_MAPPED;
    }

    private TranslatedSid isolated(String name, DomainInfo domain, Domains domains) throws LsaException {
        for (WellKnownSid w : WellKnownSids.all()) {
            if (w.name().equalsIgnoreCase(name)) {
                return known(w, domains);
            }
        }
        if (name.equalsIgnoreCase(WellKnownSids.BUILTIN_DOMAIN)) {
            return builtinDomain(domains);
        }
        if (name.equalsIgnoreCase(domain.name())) {
            return accountDomain(domain, domains);
        }
        Optional<TranslatedSid> alias = builtinAlias(name, domains);
        if (alias.isPresent()) {
            return alias.get();
        }
        return accountDomainObject(name, domain, domains, true).orElse(TranslatedSid.NOT_MAPPED);
    }

    private Optional<TranslatedSid> accountDomainObject(String name, DomainInfo domain, Domains domains,
                                                        boolean aliasChecked) throws LsaException {
        int index;
        var user = store.findUser(name);
        if (user.isPresent()) {
            index = domains.index(domain.name(), domain.sid());
            return Optional.of(new TranslatedSid(SidNameUse.USER, Optional.of(user.get().sid()), index));
        }
        var group = store.findGroup(name);
        if (group.isPresent()) {
            index = domains.index(domain.name(), domain.sid());
            return Optional.of(new TranslatedSid(SidNameUse.GROUP, Optional.of(group.get().sid()), index));
        }
        Optional<AliasAccount> alias = store.findAlias(name).filter(a -> !a.isBuiltin());
        if (alias.isPresent()) {
            index = domains.index(domain.name(), domain.sid());
            return Optional.of(new TranslatedSid(SidNameUse.ALIAS, Optional.of(alias.get().sid()), index));
        }
        return Optional.empty();
    }

    private Optional<TranslatedSid> builtinAlias(String name, Domains domains) throws LsaException {
        Optional<AliasAccount> alias = store.findAlias(name).filter(AliasAccount::isBuiltin);
        if (alias.isPresent()) {
            return Optional.of(new TranslatedSid(SidNameUse.ALIAS, Optional.of(alias.get().sid()),
                    domains.index(WellKnownSids.BUILTIN_DOMAIN, WellKnownSids.BUILTIN)));
        }
        return Optional.empty();
    }

    private static TranslatedSid builtinDomain(Domains domains) {
        return new TranslatedSid(SidNameUse.DOMAIN, Optional.of(WellKnownSids.BUILTIN),
                domains.index(WellKnownSids.BUILTIN_DOMAIN, WellKnownSids.BUILTIN));
    }

    private static TranslatedSid accountDomain(DomainInfo domain, Domains domains) {
        return new TranslatedSid(SidNameUse.DOMAIN, Optional.of(domain.sid()), domains.index(domain.name(), domain.sid()));
    }

    private static TranslatedSid known(WellKnownSid w, Domains domains) {
        int index = w.domain().isEmpty() ? -1 : domains.index(w.domain(), domainSidOf(w));
        return new TranslatedSid(useOf(w), Optional.of(w.sid()), index);
    }

    /** {@code Unix User\<uid>} and {@code Unix Group\<gid>}: a decimal 32-bit id. */
    private static TranslatedSid unix(String qualifier, String id, Domains domains) {
        if (id.isEmpty() || id.length() > 10 || !id.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return TranslatedSid.NOT_MAPPED;
        }
        long n = Long.parseLong(id);
        if (n > 0xFFFFFFFFL) {
            return TranslatedSid.NOT_MAPPED;
        }
        boolean user = qualifier.equalsIgnoreCase(WellKnownSids.UNIX_USER_DOMAIN);
        Sid sid = user ? WellKnownSids.unixUser(n) : WellKnownSids.unixGroup(n);
        String domainName = user ? WellKnownSids.UNIX_USER_DOMAIN : WellKnownSids.UNIX_GROUP_DOMAIN;
        return new TranslatedSid(user ? SidNameUse.USER : SidNameUse.GROUP, Optional.of(sid),
                domains.index(domainName, WELL_KNOWN_DOMAINS.get(domainName)));
    }

    /** The referenced domain list being built: each domain once, in the order first referenced. */
    private static final class Domains {
        final List<ReferencedDomain> list = new ArrayList<>();

        int index(String name, Sid sid) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).sid().equals(sid)) {
                    return i;
                }
            }
            list.add(new ReferencedDomain(name, sid));
            return list.size() - 1;
        }
    }
}
