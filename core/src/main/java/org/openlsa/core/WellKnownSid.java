package org.openlsa.core;

import java.util.Objects;

/**
 * A SID with a fixed meaning and the name Windows shows for it ({@code NT AUTHORITY\SYSTEM}). The domain is
 * empty for SIDs Windows names without one ({@code Everyone}).
 */
public record WellKnownSid(Sid sid, String domain, String name) {
    public WellKnownSid {
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(name, "name");
    }

    /** {@code DOMAIN\name}, or just the name when there is no domain. */
    public String qualifiedName() {
        return domain.isEmpty() ? name : domain + "\\" + name;
    }
}
