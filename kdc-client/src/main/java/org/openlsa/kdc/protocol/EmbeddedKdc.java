package org.openlsa.kdc.protocol;

import java.net.InetAddress;

/**
 * The KDC of a realm served in this process, as its in-process clients reach it: the KDC protocol itself and the
 * realm's kpasswd service (RFC 3244) beside it. A process has one per realm, shared by every path into it (the
 * Kerberos package's in-process calls, the UDP/TCP listeners), because the two services share one replay cache: an
 * authenticator seen by either path, or by either service, is a replay to the other.
 */
public interface EmbeddedKdc extends KdcProtocol {

    /**
     * The realm's kpasswd service over this KDC's database, clock and replay cache. {@code serverAddress} is what its
     * replies name as their sender (KRB-PRIV s-address): the address it is served on, the loopback address for a
     * caller in this process.
     */
    KdcProtocol kpasswd(InetAddress serverAddress);
}
