package org.openlsa.engine;

/** A handle to a token, valid only on the connection that returned it, until closed. */
public record TokenHandle(long value) {
    @Override
    public String toString() {
        return "TokenHandle[0x" + Long.toHexString(value) + "]";
    }
}
