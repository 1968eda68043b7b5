package org.openlsa.krb5.files;

import java.util.Arrays;
import java.util.HexFormat;

/** RFC 4120 HostAddress: addr-type (2 = IPv4, 24 = IPv6; 16 bits in the ccache) and the address bytes. */
public record HostAddress(int addrType, byte[] address) {
    public HostAddress {
        if ((addrType & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("addrtype must fit 16 bits: " + addrType);
        }
        address = address.clone();
    }

    @Override
    public byte[] address() {
        return address.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HostAddress a && a.addrType == addrType && Arrays.equals(a.address, address);
    }

    @Override
    public int hashCode() {
        return addrType * 31 + Arrays.hashCode(address);
    }

    @Override
    public String toString() {
        return "HostAddress[" + addrType + ", " + HexFormat.of().formatHex(address) + "]";
    }
}
