package org.openlsa.pac;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * An encoded PAC together with where its signature values lie: what the KDC needs to sign a PAC it issues and to
 * verify one it receives, without this module doing any cryptography ([MS-PAC] 2.8).
 *
 * <p>Which bytes each signature covers ([MS-PAC] 2.8.1 to 2.8.5):
 * <ul>
 *   <li>ticket signature (16): the EncTicketPart, not the PAC, so the caller computes it first;</li>
 *   <li>extended KDC signature (19) and server signature (6): {@link #checksumInput()}, the encoded PAC with the
 *       values of the server, KDC and extended KDC signatures zeroed (the ticket signature keeps its value);</li>
 *   <li>KDC signature (7): {@link #kdcChecksumInput()}, the server signature's value.</li>
 * </ul>
 * "Value" means everything after SignatureType: the zeroing also covers an RODCIdentifier, as MIT krb5, Heimdal and
 * Samba zero it.
 *
 * <p>Signing: {@code SignablePac s = SignablePac.prepare(pac)} with {@link PacSignatureData#zeroed} placeholders
 * in {@code pac}; then {@code s = s.withSignature(TICKET, ...)}; {@code s = s.withSignature(EXTENDED_KDC,
 * cksum(krbtgtKey, s.checksumInput()))}; {@code s = s.withSignature(SERVER, cksum(serverKey, s.checksumInput()))};
 * {@code s = s.withSignature(KDC, cksum(krbtgtKey, s.kdcChecksumInput()))}; send {@code s.toBytes()}. The order
 * matters only for the ticket signature (before the others) and the KDC signature (last).
 *
 * <p>Verification: {@code SignablePac.parse(received)}, then compare {@link #signature}{@code (SERVER)} with the
 * checksum of {@link #checksumInput()} under the type it names, and {@code signature(KDC)} with the checksum of
 * {@link #kdcChecksumInput()}. The received bytes are kept exactly; nothing is re-encoded.
 *
 * <p>Immutable; every byte array is copied in and out.
 */
public final class SignablePac {
    private record Slot(int valueOffset, int valueLength, int signatureLength) {}

    private final Pac pac;
    private final byte[] bytes;
    private final Map<PacSignatureKind, Slot> slots;

    private SignablePac(Pac pac, byte[] bytes, Map<PacSignatureKind, Slot> slots) {
        this.pac = pac;
        this.bytes = bytes;
        this.slots = slots;
    }

    private static SignablePac of(PacCodec.Layout layout) {
        Map<PacSignatureKind, Slot> slots = new EnumMap<>(PacSignatureKind.class);
        for (int i = 0; i < layout.pac().buffers().size(); i++) {
            if (layout.pac().buffers().get(i) instanceof PacSignatureData s) {
                // The value starts after the 4-byte SignatureType and runs to the end of the buffer.
                slots.put(s.kind(), new Slot(layout.offsets()[i] + 4, layout.sizes()[i] - 4, s.signature().length));
            }
        }
        return new SignablePac(layout.pac(), layout.bytes(), slots);
    }

    /** Encodes {@code pac} for signing, every signature value (all four kinds) zeroed; types and lengths kept. */
    public static SignablePac prepare(Pac pac) {
        Pac zeroed = pac;
        for (PacSignatureKind kind : PacSignatureKind.values()) {
            Optional<PacSignatureData> s = pac.signature(kind);
            if (s.isPresent()) {
                zeroed = zeroed.with(s.get().withSignature(new byte[s.get().signature().length]));
            }
        }
        return of(PacCodec.encodeLayout(zeroed));
    }

    /** A received PAC, kept byte for byte, for verification. */
    public static SignablePac parse(byte[] encoded) throws PacFormatException {
        return of(PacCodec.decodeLayout(encoded));
    }

    /** The PAC as encoded now (with the signatures written so far). */
    public Pac pac() {
        return pac;
    }

    /** The buffer of {@code kind}, with its SignatureType and current value. */
    public Optional<PacSignatureData> signature(PacSignatureKind kind) {
        return pac.signature(kind);
    }

    /**
     * The bytes the server signature and the extended KDC signature are computed over: this encoding with the
     * values of the server, KDC and extended KDC signatures zeroed.
     */
    public byte[] checksumInput() {
        byte[] out = bytes.clone();
        slots.forEach((kind, slot) -> {
            if (kind.zeroedInChecksumInput()) {
                Arrays.fill(out, slot.valueOffset(), slot.valueOffset() + slot.valueLength(), (byte) 0);
            }
        });
        return out;
    }

    /**
     * The bytes the KDC signature is computed over: the server signature's value ([MS-PAC] 2.8.5).
     *
     * @throws IllegalStateException when the PAC has no server signature
     */
    public byte[] kdcChecksumInput() {
        return pac.signature(PacSignatureKind.SERVER)
                .orElseThrow(() -> new IllegalStateException("the PAC has no server signature"))
                .signature();
    }

    /**
     * This PAC with {@code value} written as the signature of {@code kind}.
     *
     * @throws IllegalArgumentException when the PAC has no such signature buffer or the length differs from the
     *     one reserved
     */
    public SignablePac withSignature(PacSignatureKind kind, byte[] value) {
        Slot slot = slots.get(kind);
        if (slot == null) {
            throw new IllegalArgumentException("the PAC has no " + kind + " signature buffer");
        }
        if (value.length != slot.signatureLength()) {
            throw new IllegalArgumentException(kind + " signature takes " + slot.signatureLength() + " bytes, not "
                    + value.length);
        }
        byte[] out = bytes.clone();
        System.arraycopy(value, 0, out, slot.valueOffset(), value.length);
        PacSignatureData updated = pac.signature(kind).orElseThrow().withSignature(value);
        return new SignablePac(pac.with(updated), out, slots);
    }

    /** The encoded PAC. */
    public byte[] toBytes() {
        return bytes.clone();
    }
}
