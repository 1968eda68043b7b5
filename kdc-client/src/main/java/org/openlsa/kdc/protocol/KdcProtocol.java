package org.openlsa.kdc.protocol;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * What a transport asks of a KDC (or of a kpasswd service): an answer per request, and the two KRB-ERRORs the
 * transport itself needs (RFC 4120 7.2.1 and 7.2.2). The embedded KDC implements it and its UDP/TCP server
 * ({@code org.openlsa.kdc.KdcServer}) serves it; a client in the same process calls it directly
 * ({@link org.openlsa.kdc.client.KdcTransport#inProcess}). Kept apart from both so the transport can be tested with
 * a stub and the protocol without sockets.
 */
public interface KdcProtocol {

    /** The transport a request arrived on; UDP answers are bounded in size, TCP ones are not. */
    enum Transport { UDP, TCP }

    /**
     * The reply to one request (a KDC-REP or KRB-ERROR), or empty to drop it silently (RFC 4120 7.2.1 lets a KDC
     * ignore what it cannot parse as a Kerberos message at all). Must not throw.
     */
    Optional<byte[]> handle(byte[] request, Transport transport, InetSocketAddress client);

    /**
     * The length of the shortest request this protocol could answer meaningfully: a shorter UDP datagram is
     * dropped by the transport without reaching {@link #handle}, so that a few spoofed bytes cannot draw a KRB-ERROR
     * many times their size towards a victim. 0 (the default) drops nothing.
     */
    default int minimumUdpRequest() {
        return 0;
    }

    /** KRB_ERR_RESPONSE_TOO_BIG for a UDP request whose reply would not fit: the client retries over TCP. */
    byte[] responseTooBig(byte[] request);

    /** KRB_ERR_FIELD_TOOLONG for a TCP length prefix the KDC refuses (too large, or the reserved high bit set). */
    byte[] fieldTooLong();
}
