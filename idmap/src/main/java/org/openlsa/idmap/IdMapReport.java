package org.openlsa.idmap;

import java.util.List;
import java.util.Objects;
import org.openlsa.core.Sid;

/**
 * What {@code lsa idmap} shows, computed in one place for both of its paths (in process over the state directory, or
 * through the daemon): the ranges in force, the local domain they map, and one answer per question, in order.
 *
 * @param ranges     the ranges of {@code idmap.properties} (or the defaults)
 * @param configured whether {@code idmap.properties} exists (false: the defaults)
 * @param domainSid  the local (SAM) domain, which slice 1 maps
 * @param domainName its name
 * @param results    one per question asked, in the order asked
 */
public record IdMapReport(IdRanges ranges, boolean configured, Sid domainSid, String domainName,
                          List<IdMapResult> results) {
    public IdMapReport {
        Objects.requireNonNull(ranges, "ranges");
        Objects.requireNonNull(domainSid, "domainSid");
        Objects.requireNonNull(domainName, "domainName");
        results = List.copyOf(results);
    }
}
