package org.openlsa.krb5.files;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.krb5.files.internal.BigEndianReader;
import org.openlsa.krb5.files.internal.BigEndianWriter;

/**
 * The FILE ccache, version 4 (MIT doc/formats/ccache_file_format.rst), big-endian:
 *
 * <pre>
 * file       ::= 0x05 0x04; uint16 header length; header fields; principal default; credential* to end of file
 * field      ::= uint16 tag; uint16 length; value     (tag 1: int32 seconds, int32 microseconds)
 * principal  ::= uint32 name_type; uint32 count (excluding realm); data realm; data component[count]
 * credential ::= principal client; principal server; keyblock; uint32 authtime, starttime, endtime, renew_till;
 *                uint8 is_skey; uint32 ticket_flags; uint32 n; address[n]; uint32 n; authdata[n];
 *                data ticket; data second_ticket
 * keyblock   ::= uint16 enctype; data     address ::= uint16 addrtype; data     authdata ::= uint16 ad_type; data
 * data       ::= uint32 length; bytes
 * </pre>
 *
 * Like MIT, the encoder writes the header field only when the time offset is known (a zero-length header
 * otherwise).
 */
final class CredentialCacheCodec {
    private CredentialCacheCodec() {}

    static final int VERSION_4 = 0x0504;
    static final int TAG_KDC_TIME_OFFSET = 1;

    static CredentialCache decode(byte[] file) throws Krb5FileFormatException {
        BigEndianReader r = BigEndianReader.over(file);
        int version = r.u16("ccache version");
        if (version >= 0x0501 && version <= 0x0503) {
            throw new Krb5FileFormatException(String.format("ccache version %d (0x%04x) is not supported; only "
                    + "version 4 (0x0504)", version & 0xFF, version));
        }
        if (version != VERSION_4) {
            throw new Krb5FileFormatException(String.format("not a credential cache: starts with 0x%04x, not 0x0504",
                    version));
        }
        BigEndianReader header = r.slice(r.u16("header length"), "header");
        Optional<KdcTimeOffset> offset = Optional.empty();
        while (header.remaining() > 0) {
            int tag = header.u16("header tag");
            BigEndianReader value = header.slice(header.u16("header field length"), "header field " + tag);
            if (tag == TAG_KDC_TIME_OFFSET) {
                if (value.remaining() != 8) {
                    throw new Krb5FileFormatException("KDC time offset field has " + value.remaining() + " bytes, not 8");
                }
                offset = Optional.of(new KdcTimeOffset(value.i32("offset seconds"), value.i32("offset microseconds")));
            }
        }
        Principal defaultPrincipal = principal(r, "default principal");
        List<Credential> credentials = new ArrayList<>();
        while (r.remaining() > 0) {
            credentials.add(credential(r));
        }
        try {
            return new CredentialCache(offset, defaultPrincipal, credentials);
        } catch (IllegalArgumentException e) {
            throw new Krb5FileFormatException("ccache: " + e.getMessage());
        }
    }

    private static Principal principal(BigEndianReader r, String field) throws Krb5FileFormatException {
        int nameType = r.i32(field + " name type");
        int count = r.count(r.u32(field + " component count"), 4, field + " component count");
        String realm = r.utf8(r.u32(field + " realm length"), field + " realm");
        List<String> components = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            components.add(r.utf8(r.u32(field + " component length"), field + " component"));
        }
        return new Principal(nameType, components, realm);
    }

    private static byte[] data(BigEndianReader r, String field) throws Krb5FileFormatException {
        return r.bytes(r.u32(field + " length"), field);
    }

    private static Credential credential(BigEndianReader r) throws Krb5FileFormatException {
        int at = r.offset();
        Principal client = principal(r, "client");
        Principal server = principal(r, "server");
        int enctype = r.u16("keyblock enctype");
        byte[] key = data(r, "keyblock");
        SecretBytes secret = SecretBytes.adopt(key);
        try {
            Instant authTime = r.time("authtime");
            Instant startTime = r.time("starttime");
            Instant endTime = r.time("endtime");
            Instant renewTill = r.time("renew_till");
            int isSkey = r.u8("is_skey");
            if (isSkey > 1) {
                throw new Krb5FileFormatException("is_skey " + isSkey + " at offset " + at + " is not 0 or 1");
            }
            int flags = r.i32("ticket_flags");
            int addressCount = r.count(r.u32("address count"), 6, "address count");
            List<HostAddress> addresses = new ArrayList<>(addressCount);
            for (int i = 0; i < addressCount; i++) {
                addresses.add(new HostAddress(r.u16("addrtype"), data(r, "address")));
            }
            int authDataCount = r.count(r.u32("authdata count"), 6, "authdata count");
            List<AuthData> authData = new ArrayList<>(authDataCount);
            for (int i = 0; i < authDataCount; i++) {
                authData.add(new AuthData(r.u16("ad_type"), data(r, "ad_data")));
            }
            byte[] ticket = data(r, "ticket");
            byte[] secondTicket = data(r, "second_ticket");
            return new Credential(client, server, new KeyBlock(enctype, secret), authTime, startTime, endTime,
                    renewTill, isSkey == 1, flags, addresses, authData, ticket, secondTicket);
        } catch (Krb5FileFormatException | RuntimeException e) {
            secret.destroy();
            throw e;
        }
    }

    static byte[] encode(CredentialCache cache) {
        BigEndianWriter w = new BigEndianWriter();
        try {
            w.u16(VERSION_4);
            if (cache.kdcTimeOffset().isPresent()) {
                KdcTimeOffset o = cache.kdcTimeOffset().get();
                w.u16(12).u16(TAG_KDC_TIME_OFFSET).u16(8).i32(o.seconds()).i32(o.microseconds());
            } else {
                w.u16(0);
            }
            principal(w, cache.defaultPrincipal());
            for (Credential c : cache.credentials()) {
                principal(w, c.client());
                principal(w, c.server());
                w.u16(c.key().enctype());
                byte[] key = c.key().key().copyBytes();
                try {
                    data(w, key);
                } finally {
                    Arrays.fill(key, (byte) 0);
                }
                w.time(c.authTime()).time(c.startTime()).time(c.endTime()).time(c.renewTill());
                w.u8(c.isSkey() ? 1 : 0).i32(c.ticketFlags());
                w.i32(c.addresses().size());
                for (HostAddress a : c.addresses()) {
                    w.u16(a.addrType());
                    data(w, a.address());
                }
                w.i32(c.authData().size());
                for (AuthData a : c.authData()) {
                    w.u16(a.adType());
                    data(w, a.adData());
                }
                data(w, c.ticket());
                data(w, c.secondTicket());
            }
            return w.toBytes();
        } finally {
            w.wipe();
        }
    }

    private static void principal(BigEndianWriter w, Principal p) {
        w.i32(p.nameType()).i32(p.components().size());
        data(w, BigEndianWriter.utf8(p.realm()));
        for (String c : p.components()) {
            data(w, BigEndianWriter.utf8(c));
        }
    }

    private static void data(BigEndianWriter w, byte[] b) {
        w.i32(b.length).bytes(b);
    }
}
