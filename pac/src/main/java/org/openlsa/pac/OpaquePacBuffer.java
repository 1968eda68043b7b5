package org.openlsa.pac;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A PAC buffer of a type this module does not model (credentials, delegation, claims, device info, future types):
 * kept as its bytes and re-emitted unchanged. The types that have their own records are refused here, so a PAC
 * value has one representation.
 */
public record OpaquePacBuffer(int type, byte[] data) implements PacBuffer {
    public OpaquePacBuffer {
        if (PacBuffer.isModeled(type)) {
            throw new IllegalArgumentException("PAC buffer type " + type + " has its own record, not OpaquePacBuffer");
        }
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OpaquePacBuffer b && b.type == type && Arrays.equals(b.data, data);
    }

    @Override
    public int hashCode() {
        return type * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "OpaquePacBuffer[type=" + Integer.toUnsignedString(type) + ", data=" + HexFormat.of().formatHex(data) + "]";
    }
}
