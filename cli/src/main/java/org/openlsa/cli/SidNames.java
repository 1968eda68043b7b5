package org.openlsa.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.openlsa.core.AccessToken;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.core.Sid;
import org.openlsa.core.SidAndAttributes;
import org.openlsa.engine.LookupNamesResult;
import org.openlsa.engine.LookupSidsResult;
import org.openlsa.engine.LsaConnection;
import org.openlsa.engine.NameTranslator;
import org.openlsa.engine.SidNameUse;
import org.openlsa.engine.TranslatedSid;
import org.openlsa.sam.AccountStore;

/**
 * SIDs as people read them ({@code DOMAIN\name} and the SID_NAME_USE kind), always from the LSA's own name
 * services: through an LSA connection (LsaLookupSids, the daemon's when one serves the caller, so no caller ever
 * opens the account database for names), or, for the offline administration commands that already own the
 * database, through the same {@link NameTranslator} over it. Also the reverse, for commands that name a principal.
 */
final class SidNames {
    record Named(String name, SidNameUse kind) {}

    private final Map<Sid, Named> translated;
    private final NameTranslator offline; // null: only the SIDs translated up front

    private SidNames(Map<Sid, Named> translated, NameTranslator offline) {
        this.translated = translated;
        this.offline = offline;
    }

    /** Offline administration over a database this command already opened. */
    SidNames(AccountStore store) {
        this(new HashMap<>(), new NameTranslator(store));
    }

    /** The names of every SID a token shows (user, groups, owner, primary group), in one LsaLookupSids call. */
    static SidNames forToken(LsaConnection c, AccessToken t) throws LsaException {
        List<Sid> sids = new ArrayList<>();
        sids.add(t.user().sid());
        t.groups().stream().map(SidAndAttributes::sid).forEach(sids::add);
        sids.add(t.owner());
        sids.add(t.primaryGroup());
        return of(c, sids);
    }

    /** The names of {@code sids}, asked of the LSA behind {@code c} in one LsaLookupSids call. */
    static SidNames of(LsaConnection c, Collection<Sid> sids) throws LsaException {
        List<Sid> distinct = List.copyOf(new LinkedHashSet<>(sids));
        return new SidNames(named(distinct, c.lookupSids(distinct)), null);
    }

    private static Map<Sid, Named> named(List<Sid> sids, LookupSidsResult r) {
        Map<Sid, Named> out = new HashMap<>();
        for (int i = 0; i < sids.size(); i++) {
            out.put(sids.get(i), new Named(r.qualifiedName(i), r.names().get(i).use()));
        }
        return out;
    }

    /** The name and kind of a SID; an untranslated one reads as its string form, SidTypeUnknown. */
    Named lookup(Sid sid) {
        Named n = translated.get(sid);
        if (n != null) {
            return n;
        }
        if (offline != null) {
            try {
                n = named(List.of(sid), offline.lookupSids(List.of(sid))).get(sid);
                translated.put(sid, n);
                return n;
            } catch (LsaException e) {
                // the database failed under us: show the SID itself
            }
        }
        return new Named(sid.toString(), SidNameUse.UNKNOWN);
    }

    /**
     * A principal named by a person (offline administration only): a SID string, or a name as LsaLookupNames takes
     * it ({@code DOMAIN\name}, {@code BUILTIN\name}, {@code NT AUTHORITY\name}, or an isolated name).
     *
     * @throws LsaException NONE_MAPPED when nothing has that name
     */
    Sid resolve(String principal) throws LsaException {
        if (principal.regionMatches(true, 0, "S-", 0, 2) && Sid.isValid(principal)) {
            return Sid.parse(principal);
        }
        if (offline == null) {
            throw new IllegalStateException("resolving names needs the account database");
        }
        LookupNamesResult r = offline.lookupNames(List.of(principal));
        TranslatedSid t = r.sids().get(0);
        if (t.sid().isEmpty() || t.use() == SidNameUse.DOMAIN) {
            throw new LsaException(NtStatus.NONE_MAPPED, "no account, group, alias or well-known SID named '"
                    + principal + "'");
        }
        return t.sid().get();
    }
}
