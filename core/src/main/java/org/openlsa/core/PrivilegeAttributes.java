package org.openlsa.core;

import java.util.ArrayList;
import java.util.List;

/** SE_PRIVILEGE_* attribute bits (winnt.h). */
public final class PrivilegeAttributes {
    private PrivilegeAttributes() {}

    public static final int ENABLED_BY_DEFAULT = 0x00000001;
    public static final int ENABLED = 0x00000002;
    public static final int REMOVED = 0x00000004;
    public static final int USED_FOR_ACCESS = 0x80000000;

    public static List<String> names(int attributes) {
        List<String> out = new ArrayList<>();
        if ((attributes & ENABLED_BY_DEFAULT) != 0) {
            out.add("EnabledByDefault");
        }
        if ((attributes & ENABLED) != 0) {
            out.add("Enabled");
        }
        if ((attributes & REMOVED) != 0) {
            out.add("Removed");
        }
        if ((attributes & USED_FOR_ACCESS) != 0) {
            out.add("UsedForAccess");
        }
        return out;
    }
}
