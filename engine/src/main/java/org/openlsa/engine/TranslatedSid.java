package org.openlsa.engine;

import java.util.Objects;
import java.util.Optional;
import org.openlsa.core.Sid;

/**
 * One LSAPR_TRANSLATED_SID_EX2: the kind of principal, its SID and the index of its domain in the result's
 * referenced domains (-1 for none). An untranslated name reads {@link SidNameUse#UNKNOWN}, no SID, index -1.
 */
public record TranslatedSid(SidNameUse use, Optional<Sid> sid, int domainIndex) {
    public TranslatedSid {
        Objects.requireNonNull(use, "use");
        Objects.requireNonNull(sid, "sid");
        if (domainIndex < -1) {
            throw new IllegalArgumentException("a domain index is -1 (none) or an index, not " + domainIndex);
        }
        if (use.isMapped() != sid.isPresent()) {
            throw new IllegalArgumentException(use + (sid.isPresent() ? " has no SID" : " needs a SID"));
        }
        if (!use.isMapped() && domainIndex != -1) {
            throw new IllegalArgumentException("an untranslated name has no domain");
        }
    }

    public static final TranslatedSid NOT_MAPPED = new TranslatedSid(SidNameUse.UNKNOWN, Optional.empty(), -1);
}
