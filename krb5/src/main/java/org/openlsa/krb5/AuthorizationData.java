package org.openlsa.krb5;

import java.util.ArrayList;
import java.util.List;

/**
 * AuthorizationData (RFC 4120 5.2.6): an ordered list of typed elements. An empty list stands for the field being
 * absent wherever the field is OPTIONAL.
 *
 * <pre>
 * AuthorizationData       ::= SEQUENCE OF SEQUENCE {
 *         ad-type         [0] Int32,
 *         ad-data         [1] OCTET STRING
 * }
 * </pre>
 */
public record AuthorizationData(List<AuthorizationDataEntry> entries) {
    public static final AuthorizationData EMPTY = new AuthorizationData(List.of());

    public AuthorizationData {
        entries = Checks.list(entries, "entries");
    }

    public static AuthorizationData of(AuthorizationDataEntry... entries) {
        return new AuthorizationData(List.of(entries));
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The elements of type {@code adType}, top level only (containers are not opened). */
    public List<AuthorizationDataEntry> entries(int adType) {
        List<AuthorizationDataEntry> out = new ArrayList<>();
        for (AuthorizationDataEntry e : entries) {
            if (e.adType() == adType) {
                out.add(e);
            }
        }
        return List.copyOf(out);
    }
}
