package org.openlsa.engine;

import java.util.List;
import org.openlsa.core.NtStatus;

/**
 * The outcome of LsaLookupSids: the referenced domains and one translated name per SID asked for, in order. Its
 * {@link #status()} follows from the entries, as MS-LSAT 3.1.4.11 defines it.
 */
public record LookupSidsResult(List<ReferencedDomain> domains, List<TranslatedName> names) {
    public LookupSidsResult {
        domains = List.copyOf(domains);
        names = List.copyOf(names);
        for (TranslatedName n : names) {
            if (n.domainIndex() >= domains.size()) {
                throw new IllegalArgumentException("domain index " + n.domainIndex() + " is not in the "
                        + domains.size() + " referenced domains");
            }
        }
    }

    /** SUCCESS when every SID was translated (or none was asked for), NONE_MAPPED when none was, else SOME_NOT_MAPPED. */
    public NtStatus status() {
        return LookupStatus.of(names.stream().filter(n -> n.use().isMapped()).count(), names.size());
    }

    /** {@code DOMAIN\name} for entry {@code i}, the bare name without a domain (Everyone, an untranslated SID). */
    public String qualifiedName(int i) {
        TranslatedName n = names.get(i);
        if (n.domainIndex() < 0) {
            return n.name();
        }
        String domain = domains.get(n.domainIndex()).name();
        return n.use() == SidNameUse.DOMAIN || domain.isEmpty() ? n.name() : domain + "\\" + n.name();
    }
}
