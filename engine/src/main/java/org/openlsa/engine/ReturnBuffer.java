package org.openlsa.engine;

import java.util.Objects;

/**
 * A buffer the LSA allocated for the caller (a profile buffer, a CallPackage response). It counts against the
 * connection's return-buffer quota until {@link LsaConnection#freeReturnBuffer} releases it.
 */
public record ReturnBuffer(long id, byte[] bytes) {
    public ReturnBuffer {
        Objects.requireNonNull(bytes, "bytes");
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }
}
