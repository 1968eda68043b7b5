package org.openlsa.core;

/** TOKEN_TYPE (winnt.h): TokenPrimary 1, TokenImpersonation 2. */
public enum TokenType {
    PRIMARY(1),
    IMPERSONATION(2);

    private final int value;

    TokenType(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }
}
