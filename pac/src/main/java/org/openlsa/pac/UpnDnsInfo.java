package org.openlsa.pac;

import java.util.Objects;
import java.util.Optional;
import org.openlsa.core.Sid;

/**
 * UPN_DNS_INFO ([MS-PAC] 2.10, ulType 12): the client's UPN and DNS domain name and, in the extended form (flag
 * S), its sAMAccountName and SID. On the wire a 12-byte header (20 extended) of USHORT length/offset pairs and
 * Flags, then the UTF-16LE strings and the binary SID at offsets from the start of the buffer.
 *
 * <p>Invariant: {@code samName} and {@code sid} are present exactly when {@link #EXTENDED} is set in {@code flags};
 * other flag bits are kept as received.
 */
public record UpnDnsInfo(String upn, String dnsDomainName, int flags, Optional<String> samName, Optional<Sid> sid)
        implements PacBuffer {

    /** Flag U: the account has no userPrincipalName; the UPN was constructed from the name and DNS domain. */
    public static final int UPN_CONSTRUCTED = 0x1;
    /** Flag S: the structure is extended with SamName and Sid. */
    public static final int EXTENDED = 0x2;

    public UpnDnsInfo {
        Objects.requireNonNull(upn, "upn");
        Objects.requireNonNull(dnsDomainName, "dnsDomainName");
        Objects.requireNonNull(samName, "samName");
        Objects.requireNonNull(sid, "sid");
        boolean extended = (flags & EXTENDED) != 0;
        if (extended != samName.isPresent() || extended != sid.isPresent()) {
            throw new IllegalArgumentException("UPN_DNS_INFO has SamName and Sid exactly when flag S (0x2) is set");
        }
        for (String s : new String[] {upn, dnsDomainName, samName.orElse("")}) {
            if (s.length() > KerbValidationInfo.MAX_STRING_UNITS) {
                throw new IllegalArgumentException("UPN_DNS_INFO string exceeds 32767 UTF-16 units: " + s.length());
            }
        }
        if (!UpnDnsInfoCodec.fitsOffsets(upn, dnsDomainName, samName, sid)) {
            throw new IllegalArgumentException("UPN_DNS_INFO items do not fit the 64 KiB its USHORT offsets reach");
        }
    }

    /** The basic form: UPN and DNS domain name only. */
    public static UpnDnsInfo of(String upn, String dnsDomainName, boolean upnConstructed) {
        return new UpnDnsInfo(upn, dnsDomainName, upnConstructed ? UPN_CONSTRUCTED : 0, Optional.empty(),
                Optional.empty());
    }

    /** The extended form Windows 2012 and later send, with the account's sAMAccountName and SID. */
    public static UpnDnsInfo extended(String upn, String dnsDomainName, boolean upnConstructed, String samName, Sid sid) {
        return new UpnDnsInfo(upn, dnsDomainName, (upnConstructed ? UPN_CONSTRUCTED : 0) | EXTENDED,
                Optional.of(samName), Optional.of(sid));
    }

    public boolean upnConstructed() {
        return (flags & UPN_CONSTRUCTED) != 0;
    }

    @Override
    public int type() {
        return UPN_DNS_INFO;
    }
}
