package org.openlsa.core;

import java.util.ArrayList;
import java.util.List;

/** SE_GROUP_* attribute bits of a token group (winnt.h), and their names for display. */
public final class GroupAttributes {
    private GroupAttributes() {}

    public static final int MANDATORY = 0x00000001;
    public static final int ENABLED_BY_DEFAULT = 0x00000002;
    public static final int ENABLED = 0x00000004;
    public static final int OWNER = 0x00000008;
    public static final int USE_FOR_DENY_ONLY = 0x00000010;
    public static final int INTEGRITY = 0x00000020;
    public static final int INTEGRITY_ENABLED = 0x00000040;
    public static final int RESOURCE = 0x20000000;
    public static final int LOGON_ID = 0xC0000000;

    /** Mandatory, enabled by default, enabled: what the LSA gives every ordinary group (0x7). */
    public static final int DEFAULT = MANDATORY | ENABLED_BY_DEFAULT | ENABLED;
    /** What LogonUser gives the logon SID it passes in LocalGroups (0xC0000007). */
    public static final int LOGON_SID = LOGON_ID | DEFAULT;
    /** A mandatory integrity label (0x60). */
    public static final int LABEL = INTEGRITY | INTEGRITY_ENABLED;

    private static final int[] BITS = {MANDATORY, ENABLED_BY_DEFAULT, ENABLED, OWNER, USE_FOR_DENY_ONLY, INTEGRITY,
        INTEGRITY_ENABLED, RESOURCE};
    private static final String[] NAMES = {"Mandatory", "EnabledByDefault", "Enabled", "Owner", "UseForDenyOnly",
        "Integrity", "IntegrityEnabled", "Resource"};

    /** Names of the bits set, as {@code whoami /groups} lists them (LOGON_ID as "LogonId"). */
    public static List<String> names(int attributes) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < BITS.length; i++) {
            if ((attributes & BITS[i]) != 0) {
                out.add(NAMES[i]);
            }
        }
        if ((attributes & LOGON_ID) == LOGON_ID) {
            out.add("LogonId");
        }
        return out;
    }
}
