package org.openlsa.core;

import java.util.Objects;

/** SID_AND_ATTRIBUTES: a token group with its {@link GroupAttributes} bits. */
public record SidAndAttributes(Sid sid, int attributes) {
    public SidAndAttributes {
        Objects.requireNonNull(sid, "sid");
    }

    public boolean isEnabled() {
        return (attributes & GroupAttributes.ENABLED) != 0 && (attributes & GroupAttributes.USE_FOR_DENY_ONLY) == 0;
    }

    public boolean isLogonId() {
        return (attributes & GroupAttributes.LOGON_ID) == GroupAttributes.LOGON_ID;
    }

}
