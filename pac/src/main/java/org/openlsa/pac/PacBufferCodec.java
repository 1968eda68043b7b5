package org.openlsa.pac;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.openlsa.pac.internal.NdrReader;
import org.openlsa.pac.internal.NdrWriter;

/**
 * The body of one PAC buffer by its ulType: the NDR and offset-addressed structures go to their own codecs; the
 * flat ones are here. Each flat structure must fill its buffer exactly, so what decodes re-encodes to the same
 * bytes.
 *
 * <pre>
 * PAC_CLIENT_INFO (2.7)      FILETIME ClientId; USHORT NameLength; WCHAR Name[NameLength / 2]
 * PAC_SIGNATURE_DATA (2.8)   LONG SignatureType; UCHAR Signature[]; [USHORT RODCIdentifier]
 * PAC_ATTRIBUTES_INFO (2.14) ULONG FlagsLength; ULONG Flags[ceil(FlagsLength / 32)]
 * PAC_REQUESTOR (2.15)       the binary SID
 * </pre>
 */
final class PacBufferCodec {
    private PacBufferCodec() {}

    static PacBuffer decode(int type, NdrReader r) throws PacFormatException {
        PacSignatureKind kind = PacSignatureKind.ofBufferTypeOrNull(type);
        if (kind != null) {
            return signature(kind, r);
        }
        return switch (type) {
            case PacBuffer.LOGON_INFO -> KerbValidationInfoCodec.decode(r);
            case PacBuffer.CLIENT_INFO -> clientInfo(r);
            case PacBuffer.UPN_DNS_INFO -> UpnDnsInfoCodec.decode(r);
            case PacBuffer.ATTRIBUTES_INFO -> attributesInfo(r);
            case PacBuffer.REQUESTOR -> new PacRequestor(r.binarySid(r.remaining(), "PAC_REQUESTOR"));
            default -> new OpaquePacBuffer(type, r.bytes(r.remaining(), "buffer"));
        };
    }

    static byte[] encode(PacBuffer buffer) {
        return switch (buffer) {
            case KerbValidationInfo v -> KerbValidationInfoCodec.encode(v);
            case UpnDnsInfo u -> UpnDnsInfoCodec.encode(u);
            case PacClientInfo c -> {
                byte[] name = NdrWriter.utf16(c.name());
                yield new NdrWriter().u64(c.clientId()).u16(name.length).bytes(name).toBytes();
            }
            case PacSignatureData s -> {
                NdrWriter w = new NdrWriter().u32(s.signatureType()).bytes(s.signature());
                s.rodcIdentifier().ifPresent(w::u16);
                yield w.toBytes();
            }
            case PacAttributesInfo a -> {
                NdrWriter w = new NdrWriter().u32(a.flagsLength());
                a.flags().forEach(w::u32);
                yield w.toBytes();
            }
            case PacRequestor q -> q.sid().toBytes();
            case OpaquePacBuffer o -> o.data();
        };
    }

    private static PacClientInfo clientInfo(NdrReader r) throws PacFormatException {
        long clientId = r.u64("ClientId");
        int nameLength = r.u16("NameLength");
        if (nameLength != r.remaining()) {
            throw new PacFormatException("PAC_CLIENT_INFO: NameLength " + nameLength + " does not fill the "
                    + r.remaining() + " bytes after it");
        }
        return new PacClientInfo(clientId, r.utf16(nameLength, "PAC_CLIENT_INFO Name"));
    }

    private static PacSignatureData signature(PacSignatureKind kind, NdrReader r) throws PacFormatException {
        int signatureType = r.u32("SignatureType");
        int length = PacSignatureData.signatureLength(signatureType);
        int rest = r.remaining();
        if (length < 0) {
            return new PacSignatureData(kind, signatureType, r.bytes(rest, "Signature"), OptionalInt.empty());
        }
        if (rest != length && rest != length + 2) {
            throw new PacFormatException(kind + " signature of checksum type " + signatureType + " takes " + length
                    + " bytes (+2 for an RODCIdentifier), the buffer has " + rest);
        }
        byte[] signature = r.bytes(length, "Signature");
        OptionalInt rodc = rest == length ? OptionalInt.empty() : OptionalInt.of(r.u16("RODCIdentifier"));
        return new PacSignatureData(kind, signatureType, signature, rodc);
    }

    private static PacAttributesInfo attributesInfo(NdrReader r) throws PacFormatException {
        int flagsLength = r.u32("FlagsLength");
        long words = PacAttributesInfo.wordCount(flagsLength);
        if (words * 4 != r.remaining()) {
            throw new PacFormatException("PAC_ATTRIBUTES_INFO: " + Integer.toUnsignedString(flagsLength)
                    + " flag bits take " + words * 4 + " bytes, the buffer has " + r.remaining());
        }
        List<Integer> flags = new ArrayList<>((int) words);
        for (long i = 0; i < words; i++) {
            flags.add(r.u32("Flags"));
        }
        return new PacAttributesInfo(flagsLength, flags);
    }
}
