package org.openlsa.ntlmssp;

import java.util.Optional;

/** The AvId values of an AV_PAIR (MS-NLMP 2.2.2.1). Unknown ids stay plain integers in {@link AvPair}. */
public enum AvId {
    MsvAvEOL(0x0000),
    MsvAvNbComputerName(0x0001),
    MsvAvNbDomainName(0x0002),
    MsvAvDnsComputerName(0x0003),
    MsvAvDnsDomainName(0x0004),
    MsvAvDnsTreeName(0x0005),
    MsvAvFlags(0x0006),
    MsvAvTimestamp(0x0007),
    MsvAvSingleHost(0x0008),
    MsvAvTargetName(0x0009),
    MsvAvChannelBindings(0x000A);

    private final int value;

    AvId(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public static Optional<AvId> fromValue(int value) {
        for (AvId id : values()) {
            if (id.value == value) {
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }

    /** The ids whose value is a UTF-16LE name, without a terminating NUL. */
    boolean isName() {
        return switch (this) {
            case MsvAvNbComputerName, MsvAvNbDomainName, MsvAvDnsComputerName, MsvAvDnsDomainName, MsvAvDnsTreeName,
                 MsvAvTargetName -> true;
            default -> false;
        };
    }

    /** The fixed length of the value, or -1 when it varies. */
    int fixedLength() {
        return switch (this) {
            case MsvAvEOL -> 0;
            case MsvAvFlags -> 4;
            case MsvAvTimestamp -> 8;
            case MsvAvChannelBindings -> 16;
            default -> -1;
        };
    }
}
