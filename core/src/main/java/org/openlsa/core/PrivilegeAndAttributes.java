package org.openlsa.core;

import java.util.Objects;

/** LUID_AND_ATTRIBUTES for a privilege, with its {@link PrivilegeAttributes} bits. */
public record PrivilegeAndAttributes(Privilege privilege, int attributes) {
    public PrivilegeAndAttributes {
        Objects.requireNonNull(privilege, "privilege");
    }

    public boolean isEnabled() {
        return (attributes & PrivilegeAttributes.ENABLED) != 0;
    }
}
