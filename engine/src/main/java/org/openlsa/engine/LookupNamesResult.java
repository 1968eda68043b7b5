package org.openlsa.engine;

import java.util.List;
import org.openlsa.core.NtStatus;

/**
 * The outcome of LsaLookupNames2: the referenced domains and one translated SID per name asked for, in order. Its
 * {@link #status()} follows from the entries, as MS-LSAT 3.1.4.8 defines it.
 */
public record LookupNamesResult(List<ReferencedDomain> domains, List<TranslatedSid> sids) {
    public LookupNamesResult {
        domains = List.copyOf(domains);
        sids = List.copyOf(sids);
        for (TranslatedSid s : sids) {
            if (s.domainIndex() >= domains.size()) {
                throw new IllegalArgumentException("domain index " + s.domainIndex() + " is not in the "
                        + domains.size() + " referenced domains");
            }
        }
    }

    /** SUCCESS when every name was translated (or none was asked for), NONE_MAPPED when none was, else SOME_NOT_MAPPED. */
    public NtStatus status() {
        return LookupStatus.of(sids.stream().filter(s -> s.use().isMapped()).count(), sids.size());
    }
}
