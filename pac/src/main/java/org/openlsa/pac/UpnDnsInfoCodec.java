package org.openlsa.pac;

import java.util.Optional;
import org.openlsa.core.Sid;
import org.openlsa.pac.internal.NdrReader;
import org.openlsa.pac.internal.NdrWriter;

/**
 * Codec of UPN_DNS_INFO ([MS-PAC] 2.10): {@code USHORT UpnLength, UpnOffset, DnsDomainNameLength,
 * DnsDomainNameOffset; ULONG Flags;} and, with flag S, {@code USHORT SamNameLength, SamNameOffset, SidLength,
 * SidOffset}. Offsets count from the start of the buffer. Encoding places each item at the next multiple of 8
 * after the header, as Windows does (UPN at 0x10, or 0x18 in the extended form).
 */
final class UpnDnsInfoCodec {
    private UpnDnsInfoCodec() {}

    private static final int BASIC_HEADER = 12;
    private static final int EXTENDED_HEADER = 20;

    static byte[] encode(UpnDnsInfo u) {
        byte[][] items = items(u.upn(), u.dnsDomainName(), u.samName(), u.sid());
        int[] offsets = offsets(items);
        NdrWriter w = new NdrWriter();
        w.u16(items[0].length).u16(offsets[0]).u16(items[1].length).u16(offsets[1]).u32(u.flags());
        if (items.length == 4) {
            w.u16(items[2].length).u16(offsets[2]).u16(items[3].length).u16(offsets[3]);
        }
        for (int i = 0; i < items.length; i++) {
            w.align(8);
            if (w.position() != offsets[i]) {
                throw new IllegalStateException("UPN_DNS_INFO layout");
            }
            w.bytes(items[i]);
        }
        return w.toBytes();
    }

    private static byte[][] items(String upn, String dns, Optional<String> samName, Optional<Sid> sid) {
        byte[] upnBytes = NdrWriter.utf16(upn);
        byte[] dnsBytes = NdrWriter.utf16(dns);
        if (samName.isEmpty() || sid.isEmpty()) {
            return new byte[][] {upnBytes, dnsBytes};
        }
        return new byte[][] {upnBytes, dnsBytes, NdrWriter.utf16(samName.get()), sid.get().toBytes()};
    }

    private static int[] offsets(byte[][] items) {
        int[] offsets = new int[items.length];
        int pos = items.length == 4 ? EXTENDED_HEADER : BASIC_HEADER;
        for (int i = 0; i < items.length; i++) {
            pos = (pos + 7) & ~7;
            offsets[i] = pos;
            pos += items[i].length;
        }
        return offsets;
    }

    /** Whether every offset of the encoding fits its USHORT (checked when the value is built). */
    static boolean fitsOffsets(String upn, String dns, Optional<String> samName, Optional<Sid> sid) {
        int[] offsets = offsets(items(upn, dns, samName, sid));
        return offsets[offsets.length - 1] <= 0xFFFF;
    }

    static UpnDnsInfo decode(NdrReader r) throws PacFormatException {
        int upnLength = r.u16("UpnLength");
        int upnOffset = r.u16("UpnOffset");
        int dnsLength = r.u16("DnsDomainNameLength");
        int dnsOffset = r.u16("DnsDomainNameOffset");
        int flags = r.u32("UPN_DNS_INFO Flags");
        String upn = r.slice(upnOffset, upnLength, "Upn").utf16(upnLength, "Upn");
        String dns = r.slice(dnsOffset, dnsLength, "DnsDomainName").utf16(dnsLength, "DnsDomainName");
        Optional<String> samName = Optional.empty();
        Optional<Sid> sid = Optional.empty();
        if ((flags & UpnDnsInfo.EXTENDED) != 0) {
            int samLength = r.u16("SamNameLength");
            int samOffset = r.u16("SamNameOffset");
            int sidLength = r.u16("SidLength");
            int sidOffset = r.u16("SidOffset");
            samName = Optional.of(r.slice(samOffset, samLength, "SamName").utf16(samLength, "SamName"));
            sid = Optional.of(r.slice(sidOffset, sidLength, "Sid").binarySid(sidLength, "UPN_DNS_INFO Sid"));
        }
        try {
            return new UpnDnsInfo(upn, dns, flags, samName, sid);
        } catch (IllegalArgumentException e) {
            throw new PacFormatException("UPN_DNS_INFO: " + e.getMessage());
        }
    }
}
