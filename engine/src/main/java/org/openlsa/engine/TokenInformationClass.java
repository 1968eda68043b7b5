package org.openlsa.engine;

/** TOKEN_INFORMATION_CLASS values GetTokenInformation answers here (winnt.h numbering). */
public enum TokenInformationClass {
    TOKEN_USER(1),
    TOKEN_GROUPS(2),
    TOKEN_PRIVILEGES(3),
    TOKEN_OWNER(4),
    TOKEN_PRIMARY_GROUP(5),
    TOKEN_DEFAULT_DACL(6),
    TOKEN_SOURCE(7),
    TOKEN_TYPE(8),
    TOKEN_IMPERSONATION_LEVEL(9),
    TOKEN_STATISTICS(10),
    TOKEN_LOGON_SID(28);

    private final int value;

    TokenInformationClass(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }
}
