package org.openlsa.krb5.files;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
        Principal defaultPrincipal = CcacheMarshalling.readPrincipal(r, "default principal");
        List<Credential> credentials = new ArrayList<>();
        while (r.remaining() > 0) {
            credentials.add(CcacheMarshalling.readCredential(r));
        }
        try {
            return new CredentialCache(offset, defaultPrincipal, credentials);
        } catch (IllegalArgumentException e) {
            throw new Krb5FileFormatException("ccache: " + e.getMessage());
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
            CcacheMarshalling.writePrincipal(w, cache.defaultPrincipal());
            for (Credential c : cache.credentials()) {
                CcacheMarshalling.writeCredential(w, c);
            }
            return w.toBytes();
        } finally {
            w.wipe();
        }
    }
}
