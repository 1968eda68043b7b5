package org.openlsa.interop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import org.openlsa.crypto.kerberos.EncryptionType;
import org.openlsa.crypto.kerberos.KerberosCrypto;
import org.openlsa.crypto.kerberos.KerberosKey;
import org.openlsa.krb5.ApReq;
import org.openlsa.krb5.Authenticator;
import org.openlsa.krb5.Checksum;
import org.openlsa.krb5.EncTicketPart;
import org.openlsa.krb5.der.KrbCodec;
import org.openlsa.krb5.files.Keytab;
import org.openlsa.krb5.files.KeytabEntry;
import org.openlsa.krb5.files.Principal;

/**
 * What a GSS-API acceptor finds in a Kerberos initiator token with delegation (RFC 4121 4.1 and 4.1.1): the
 * AP-REQ's ticket and the KRB-CRED in the authenticator's 0x8003 checksum. A service hands these two to
 * KERB_TICKET_LOGON; this is the acceptor's side of that, done with the service's keytab.
 */
record DelegatedLogon(byte[] serviceTicket, byte[] krbCred) {
    /** RFC 4121 4.1.1: the checksum type of the GSS-API authenticator checksum. */
    private static final int GSS_CHECKSUM = 0x8003;
    /** Key usages (RFC 4120 7.5.1): a ticket's enc-part and an AP-REQ authenticator. */
    private static final int USAGE_TICKET = 2;
    private static final int USAGE_AP_REQ_AUTHENTICATOR = 11;

    static DelegatedLogon fromGssToken(byte[] token, Path keytabPath) throws Exception {
        ApReq apReq = KrbCodec.decodeApReq(apReqOf(token));
        byte[] ticket = KrbCodec.encode(apReq.ticket());
        EncTicketPart part;
        try (Keytab keytab = Keytab.read(keytabPath)) {
            Principal server = new Principal(apReq.ticket().sname().nameType(), apReq.ticket().sname().nameString(),
                    apReq.ticket().realm());
            int etype = apReq.ticket().encPart().etype();
            KeytabEntry entry = keytab.entriesFor(server).stream().filter(e -> e.key().enctype() == etype)
                    .reduce((a, b) -> b.kvno() > a.kvno() ? b : a).orElseThrow();
            try (KerberosKey key = KerberosKey.copyOf(EncryptionType.of(etype).orElseThrow(),
                    entry.key().key().copyBytes())) {
                part = KrbCodec.decodeEncTicketPart(KerberosCrypto.decrypt(key, USAGE_TICKET,
                        apReq.ticket().encPart().cipher().toByteArray()));
            }
        }
        Authenticator auth;
        try (KerberosKey session = KerberosKey.copyOf(EncryptionType.of(part.key().keytype()).orElseThrow(),
                part.key().keyvalue().toByteArray())) {
            auth = KrbCodec.decodeAuthenticator(KerberosCrypto.decrypt(session, USAGE_AP_REQ_AUTHENTICATOR,
                    apReq.authenticator().cipher().toByteArray()));
        }
        Checksum c = auth.cksum().orElseThrow(() -> new IOException("the authenticator has no checksum"));
        if (c.cksumtype() != GSS_CHECKSUM) {
            throw new IOException("checksum type " + c.cksumtype() + " is not the GSS-API checksum");
        }
        // Lgth (4, LE) = 16, Bnd (16), Flags (4, LE), then DlgOpt (2, LE) = 1, Dlgth (2, LE), Deleg.
        ByteBuffer b = ByteBuffer.wrap(c.checksum().toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        int bindingLength = b.getInt();
        b.position(4 + bindingLength + 4);
        if (b.remaining() < 4 || b.getShort() != 1) {
            throw new IOException("the initiator delegated nothing (no DlgOpt 1 in the checksum)");
        }
        byte[] deleg = new byte[Short.toUnsignedInt(b.getShort())];
        b.get(deleg);
        return new DelegatedLogon(ticket, deleg);
    }

    /** The AP-REQ inside an RFC 2743 3.1 framed token: [APPLICATION 0] { mech OID, TOK_ID 01 00, AP-REQ }. */
    private static byte[] apReqOf(byte[] token) throws IOException {
        if (token.length < 2 || token[0] != 0x60) {
            throw new IOException("not an RFC 2743 initial context token");
        }
        int i = 1;
        int len = token[i++] & 0xFF;
        if (len >= 0x80) {
            int n = len & 0x7F;
            i += n;
        }
        if (token[i] != 0x06) {
            throw new IOException("no mechanism OID");
        }
        int oidLength = token[i + 1] & 0xFF;
        i += 2 + oidLength;
        if (token[i] != 0x01 || token[i + 1] != 0x00) {
            throw new IOException("TOK_ID is not KRB_AP_REQ (01 00)");
        }
        return Arrays.copyOfRange(token, i + 2, token.length);
    }
}
