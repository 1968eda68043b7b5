package org.openlsa.pac;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A Privilege Attribute Certificate: PACTYPE ([MS-PAC] 2.3) with Version 0 and its buffers in wire order. Each
 * buffer type appears at most once (two logon infos or two server signatures would leave a reader to pick one;
 * MIT and Samba refuse duplicates of the signatures too).
 */
public record Pac(List<PacBuffer> buffers) {
    /** PACTYPE.Version: always 0. */
    public static final int VERSION = 0;

    public Pac {
        buffers = List.copyOf(buffers);
        Set<Integer> seen = new HashSet<>();
        for (PacBuffer b : buffers) {
            if (!seen.add(b.type())) {
                throw new IllegalArgumentException("PAC buffer type " + Integer.toUnsignedString(b.type())
                        + " appears twice");
            }
        }
    }

    public static Pac of(PacBuffer... buffers) {
        return new Pac(List.of(buffers));
    }

    /** The buffer of {@code type}, if present. */
    public Optional<PacBuffer> buffer(int type) {
        // Loops rather than streams here and below: a logon looks buffers up a dozen times (docs/performance.md).
        for (PacBuffer b : buffers) {
            if (b.type() == type) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    private <T extends PacBuffer> Optional<T> find(Class<T> type) {
        for (PacBuffer b : buffers) {
            if (type.isInstance(b)) {
                return Optional.of(type.cast(b));
            }
        }
        return Optional.empty();
    }

    public Optional<KerbValidationInfo> logonInfo() {
        return find(KerbValidationInfo.class);
    }

    public Optional<PacClientInfo> clientInfo() {
        return find(PacClientInfo.class);
    }

    public Optional<UpnDnsInfo> upnDnsInfo() {
        return find(UpnDnsInfo.class);
    }

    public Optional<PacAttributesInfo> attributesInfo() {
        return find(PacAttributesInfo.class);
    }

    public Optional<PacRequestor> requestor() {
        return find(PacRequestor.class);
    }

    public Optional<PacSignatureData> signature(PacSignatureKind kind) {
        return buffer(kind.bufferType()).map(PacSignatureData.class::cast);
    }

    /** This PAC with {@code buffer} in place of the one of the same type, or appended when there is none. */
    public Pac with(PacBuffer buffer) {
        List<PacBuffer> out = new ArrayList<>(buffers);
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).type() == buffer.type()) {
                out.set(i, buffer);
                return new Pac(out);
            }
        }
        out.add(buffer);
        return new Pac(out);
    }
}
