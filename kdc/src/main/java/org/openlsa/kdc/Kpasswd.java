package org.openlsa.kdc;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.openlsa.core.LsaException;
import org.openlsa.kdc.internal.KdcContext;
import org.openlsa.kdc.internal.KpasswdExchange;
import org.openlsa.krb5.ErrorCode;
import org.openlsa.sam.DomainInfo;
import org.openlsa.kdc.protocol.KdcProtocol;
import org.openlsa.kdc.protocol.KpasswdFrame;
import org.openlsa.kdc.protocol.KpasswdResult;

/**
 * The embedded realm's kpasswd service (RFC 3244; port 464 by convention) as a {@link KdcProtocol}, so that
 * {@link KdcServer} serves it on UDP and TCP exactly as it serves the KDC. Made by {@link Kdc#kpasswd}: it shares
 * the KDC's account database, clock and replay cache.
 *
 * <p>Bytes that are not a kpasswd frame at all (shorter than its header, or a length field that disagrees with the
 * datagram) are dropped, as the KDC drops what is not a Kerberos message; everything else is answered.
 */
public final class Kpasswd implements KdcProtocol {
    private static final System.Logger LOG = System.getLogger("org.openlsa.kdc");

    /**
     * The shortest request frame (RFC 3244 2): the 6-octet header, the shortest AP-REQ DER can encode (77 octets:
     * an empty realm and name, one-octet etypes, empty ciphertexts) and the shortest KRB-PRIV (27 octets). A
     * shorter UDP datagram gets no answer ({@link KdcProtocol#minimumUdpRequest}).
     */
    public static final int MIN_REQUEST = 110;

    private final KdcContext ctx;
    private final KpasswdExchange exchange;

    Kpasswd(KdcContext ctx, InetAddress serverAddress) {
        this.ctx = ctx;
        this.exchange = new KpasswdExchange(ctx, serverAddress);
    }

    @Override
    public Optional<byte[]> handle(byte[] request, Transport transport, InetSocketAddress client) {
        KpasswdFrame frame;
        try {
            frame = KpasswdFrame.decode(request);
        } catch (KpasswdFrame.MalformedFrameException e) {
            return Optional.empty();
        }
        DomainInfo domain;
        try {
            domain = ctx.store().domain();
        } catch (LsaException e) {
            LOG.log(Level.ERROR, "kpasswd cannot read the account domain: {0}", e.getMessage());
            return Optional.of(exchange.errorReply(KpasswdResult.HARDERROR, ErrorCode.KRB_ERR_GENERIC,
                    "account database unavailable", "UNKNOWN"));
        }
        return Optional.of(exchange.handle(frame, domain));
    }

    @Override
    public int minimumUdpRequest() {
        return MIN_REQUEST;
    }

    @Override
    public byte[] responseTooBig(byte[] request) {
        return exchange.errorReply(KpasswdResult.HARDERROR, ErrorCode.KRB_ERR_RESPONSE_TOO_BIG,
                "response too big for UDP; use TCP", realm());
    }

    @Override
    public byte[] fieldTooLong() {
        return exchange.errorReply(KpasswdResult.MALFORMED, ErrorCode.KRB_ERR_FIELD_TOOLONG, "request too long",
                realm());
    }

    private String realm() {
        try {
            return ctx.store().domain().realm();
        } catch (LsaException e) {
            return "UNKNOWN";
        }
    }
}
