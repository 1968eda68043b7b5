package org.openlsa.krb5.files;

import java.util.Arrays;
import java.util.HexFormat;

/** One RFC 4120 AuthorizationData element: ad-type (16 bits in the ccache) and ad-data. */
public record AuthData(int adType, byte[] adData) {
    public AuthData {
        if ((adType & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("ad-type must fit 16 bits: " + adType);
        }
        adData = adData.clone();
    }

    @Override
    public byte[] adData() {
        return adData.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthData a && a.adType == adType && Arrays.equals(a.adData, adData);
    }

    @Override
    public int hashCode() {
        return adType * 31 + Arrays.hashCode(adData);
    }

    @Override
    public String toString() {
        return "AuthData[" + adType + ", " + HexFormat.of().formatHex(adData) + "]";
    }
}
