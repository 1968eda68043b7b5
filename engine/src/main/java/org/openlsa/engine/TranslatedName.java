package org.openlsa.engine;

import java.util.Objects;

/**
 * One LSA_TRANSLATED_NAME: the kind of principal, its isolated name (without the domain) and the index of its
 * domain in the result's referenced domains, -1 for none. An untranslated SID reads {@link SidNameUse#UNKNOWN},
 * its own string form as the name (as LsaLookupSids returns it) and index -1.
 */
public record TranslatedName(SidNameUse use, String name, int domainIndex) {
    public TranslatedName {
        Objects.requireNonNull(use, "use");
        Objects.requireNonNull(name, "name");
        if (domainIndex < -1) {
            throw new IllegalArgumentException("a domain index is -1 (none) or an index, not " + domainIndex);
        }
        if (!use.isMapped() && domainIndex != -1) {
            throw new IllegalArgumentException("an untranslated SID has no domain");
        }
    }
}
