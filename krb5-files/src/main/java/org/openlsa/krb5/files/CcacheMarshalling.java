package org.openlsa.krb5.files;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.krb5.files.internal.BigEndianReader;
import org.openlsa.krb5.files.internal.BigEndianWriter;

/**
 * Principals and credentials in the version 4 marshalling of the FILE ccache (MIT doc/formats/ccache_file_format.rst),
 * shared by the file codec and by the KCM protocol, which carries them in the same form (MIT src/include/kcm.h):
 *
 * <pre>
 * principal  ::= uint32 name_type; uint32 count (excluding realm); data realm; data component[count]
 * credential ::= principal client; principal server; keyblock; uint32 authtime, starttime, endtime, renew_till;
 *                uint8 is_skey; uint32 ticket_flags; uint32 n; address[n]; uint32 n; authdata[n];
 *                data ticket; data second_ticket
 * keyblock   ::= uint16 enctype; data     address ::= uint16 addrtype; data     authdata ::= uint16 ad_type; data
 * data       ::= uint32 length; bytes
 * </pre>
 *
 * Every length is checked against the bytes that remain before anything is allocated.
 */
public final class CcacheMarshalling {
    private CcacheMarshalling() {}

    public static Principal readPrincipal(BigEndianReader r, String field) throws Krb5FileFormatException {
        int nameType = r.i32(field + " name type");
        int count = r.count(r.u32(field + " component count"), 4, field + " component count");
        String realm = r.utf8(r.u32(field + " realm length"), field + " realm");
        List<String> components = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            components.add(r.utf8(r.u32(field + " component length"), field + " component"));
        }
        return new Principal(nameType, components, realm);
    }

    /** Reads one credential; its session key is the caller's to destroy. */
    public static Credential readCredential(BigEndianReader r) throws Krb5FileFormatException {
        int at = r.offset();
        Principal client = readPrincipal(r, "client");
        Principal server = readPrincipal(r, "server");
        int enctype = r.u16("keyblock enctype");
        SecretBytes secret = SecretBytes.adopt(data(r, "keyblock"));
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

    /** {@link #readCredential(BigEndianReader)} of exactly {@code bytes}. */
    public static Credential decodeCredential(byte[] bytes) throws Krb5FileFormatException {
        BigEndianReader r = BigEndianReader.over(bytes);
        Credential c = readCredential(r);
        if (r.remaining() != 0) {
            c.key().key().destroy();
            throw new Krb5FileFormatException(r.remaining() + " bytes follow the credential");
        }
        return c;
    }

    public static void writePrincipal(BigEndianWriter w, Principal p) {
        w.i32(p.nameType()).i32(p.components().size());
        data(w, BigEndianWriter.utf8(p.realm()));
        for (String c : p.components()) {
            data(w, BigEndianWriter.utf8(c));
        }
    }

    /** Writes one credential, its session key included: the caller wipes {@code w} when done. */
    public static void writeCredential(BigEndianWriter w, Credential c) {
        writePrincipal(w, c.client());
        writePrincipal(w, c.server());
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

    private static byte[] data(BigEndianReader r, String field) throws Krb5FileFormatException {
        return r.bytes(r.u32(field + " length"), field);
    }

    private static void data(BigEndianWriter w, byte[] b) {
        w.i32(b.length).bytes(b);
    }
}
