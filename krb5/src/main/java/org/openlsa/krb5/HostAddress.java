package org.openlsa.krb5;

import java.util.Objects;

/**
 * HostAddress (RFC 4120 5.2.5): an address type and its octets, as in a ticket's caddr.
 *
 * <pre>
 * HostAddress ::= SEQUENCE {
 *         addr-type       [0] Int32,
 *         address         [1] OCTET STRING
 * }
 * </pre>
 */
public record HostAddress(int addrType, Bytes address) {
    /** IPv4, 4 octets in network order (RFC 4120 7.5.3). */
    public static final int ADDRTYPE_INET = 2;
    /** Directional address (RFC 4120 8.1), for KRB-SAFE/KRB-PRIV. */
    public static final int ADDRTYPE_DIRECTIONAL = 3;
    public static final int ADDRTYPE_CHAOSNET = 5;
    public static final int ADDRTYPE_XNS = 6;
    public static final int ADDRTYPE_ISO = 7;
    public static final int ADDRTYPE_DECNET = 12;
    public static final int ADDRTYPE_APPLETALK = 16;
    /** NetBIOS name, 16 octets padded with spaces (RFC 4120 7.5.3; Windows sends it). */
    public static final int ADDRTYPE_NETBIOS = 20;
    /** IPv6, 16 octets in network order. */
    public static final int ADDRTYPE_INET6 = 24;

    public HostAddress {
        Objects.requireNonNull(address, "address");
    }
}
