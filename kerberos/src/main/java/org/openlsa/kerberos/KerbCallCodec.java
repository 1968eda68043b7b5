package org.openlsa.kerberos;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.core.wire.WireReader;
import org.openlsa.core.wire.WireWriter;

/**
 * Codecs of the Kerberos CallPackage structures in the serialized 64-bit layout (docs/kerberos-package.md): every
 * pointer is an offset from the start of the structure, 8-byte aligned; a LUID is {ULONG LowPart; LONG HighPart}
 * with 4-byte alignment. Every length and offset is checked: a violation is INVALID_PARAMETER, an unknown
 * MessageType is INVALID_PARAMETER too (as MSV1_0 answers one).
 *
 * <pre>
 * KERB_QUERY_TKT_CACHE_REQUEST   MessageType 0, LogonId 4                                     size 12
 * KERB_PURGE_TKT_CACHE_REQUEST   MessageType 0, LogonId 4, ServerName 16, RealmName 32          size 48
 * KERB_PURGE_TKT_CACHE_EX_REQUEST MessageType 0, LogonId 4, Flags 12, TicketTemplate 16 (96)    size 112
 * KERB_RETRIEVE_TKT_REQUEST      MessageType 0, LogonId 4, TargetName 16, TicketFlags 32,
 *                                CacheOptions 36, EncryptionType 40, CredentialsHandle 48 (16)  size 64
 * KERB_QUERY_TKT_CACHE_RESPONSE  MessageType 0, CountOfTickets 4, Tickets 8 (64 each; Ex: 96 each)
 * KERB_TICKET_CACHE_INFO         ServerName 0, RealmName 16, StartTime 32, EndTime 40, RenewTime 48,
 *                                EncryptionType 56, TicketFlags 60                              size 64
 * KERB_TICKET_CACHE_INFO_EX      ClientName 0, ClientRealm 16, ServerName 32, ServerRealm 48, StartTime 64,
 *                                EndTime 72, RenewTime 80, EncryptionType 88, TicketFlags 92    size 96
 * KERB_RETRIEVE_TKT_RESPONSE     = KERB_EXTERNAL_TICKET: ServiceName 0, TargetName 8, ClientName 16 (pointers
 *                                to KERB_EXTERNAL_NAME), DomainName 24, TargetDomainName 40,
 *                                AltTargetDomainName 56, SessionKey 72 (KeyType 72, Length 76, Value 80),
 *                                TicketFlags 88, Flags 92, KeyExpirationTime 96, StartTime 104, EndTime 112,
 *                                RenewUntil 120, TimeSkew 128, EncodedTicketSize 136, EncodedTicket 144  size 152
 * KERB_EXTERNAL_NAME             NameType 0 (SHORT), NameCount 2, Names 8 (16 each)
 * </pre>
 */
public final class KerbCallCodec {
    private KerbCallCodec() {}

    public static final int QUERY_REQUEST_SIZE = 12;
    public static final int PURGE_REQUEST_SIZE = 48;
    public static final int PURGE_EX_REQUEST_SIZE = 112;
    public static final int RETRIEVE_REQUEST_SIZE = 64;
    public static final int INFO_SIZE = 64;
    public static final int INFO_EX_SIZE = 96;
    public static final int EXTERNAL_TICKET_SIZE = 152;
    /** At most this many tickets in one response: CountOfTickets is a ULONG, but a session never holds more. */
    public static final int MAX_TICKETS = 4096;
    /** The largest encoded ticket accepted, as the KDC client accepts a reply. */
    public static final int MAX_TICKET_BYTES = 1 << 20;

    /** The MessageType of any Kerberos CallPackage buffer; INVALID_PARAMETER when shorter than 4 bytes. */
    public static int messageType(byte[] buffer) throws LsaException {
        WireReader r = WireReader.over(buffer);
        r.requireLength(4, "a Kerberos protocol message");
        return r.u32(0);
    }

    /** Decodes a request this LSA answers; INVALID_PARAMETER for anything malformed or not one of them. */
    public static KerbCallRequest decode(byte[] buffer) throws LsaException {
        int raw = messageType(buffer);
        KerbProtocolMessageType type = KerbProtocolMessageType.fromValue(raw).orElseThrow(() ->
                new LsaException(NtStatus.INVALID_PARAMETER, "unknown Kerberos protocol message type " + raw));
        WireReader r = WireReader.over(buffer);
        return switch (type) {
            case QUERY_TICKET_CACHE, QUERY_TICKET_CACHE_EX -> {
                r.requireLength(QUERY_REQUEST_SIZE, "KERB_QUERY_TKT_CACHE_REQUEST");
                yield new KerbCallRequest.QueryTicketCache(luid(r, 4), type == KerbProtocolMessageType.QUERY_TICKET_CACHE_EX);
            }
            case RETRIEVE_TICKET -> {
                r.requireLength(QUERY_REQUEST_SIZE, "KERB_QUERY_TKT_CACHE_REQUEST");
                yield new KerbCallRequest.RetrieveTicket(luid(r, 4), "", 0, 0, 0, false);
            }
            case PURGE_TICKET_CACHE -> {
                r.requireLength(PURGE_REQUEST_SIZE, "KERB_PURGE_TKT_CACHE_REQUEST");
                yield new KerbCallRequest.PurgeTicketCache(luid(r, 4),
                        r.unicodeString(16, PURGE_REQUEST_SIZE, "ServerName"),
                        r.unicodeString(32, PURGE_REQUEST_SIZE, "RealmName"));
            }
            case PURGE_TICKET_CACHE_EX -> {
                r.requireLength(PURGE_EX_REQUEST_SIZE, "KERB_PURGE_TKT_CACHE_EX_REQUEST");
                yield new KerbCallRequest.PurgeTicketCacheEx(luid(r, 4), r.u32(12),
                        readInfo(r, 16, true, PURGE_EX_REQUEST_SIZE));
            }
            case RETRIEVE_ENCODED_TICKET -> {
                r.requireLength(RETRIEVE_REQUEST_SIZE, "KERB_RETRIEVE_TKT_REQUEST");
                yield new KerbCallRequest.RetrieveTicket(luid(r, 4),
                        r.unicodeString(16, RETRIEVE_REQUEST_SIZE, "TargetName"), r.u32(32), r.u32(36), r.u32(40),
                        true);
            }
            default -> throw new LsaException(NtStatus.INVALID_PARAMETER, "Kerberos message " + type
                    + " is not a ticket cache request");
        };
    }

    /**
     * KERB_CHANGEPASSWORD_REQUEST: the layout it shares with MSV1_0_CHANGEPASSWORD_REQUEST under
     * KerbChangePasswordMessage (7), in a secret that holds both passwords: the caller closes it.
     */
    public static org.openlsa.crypto.SecretBytes encodeChangePassword(
            org.openlsa.engine.spi.logon.ChangePasswordRequest request) {
        return request.encode(KerbProtocolMessageType.CHANGE_PASSWORD.value());
    }

    /** Encodes a request (what a caller such as {@code lsa klist} sends). */
    public static byte[] encode(KerbCallRequest request) {
        return switch (request) {
            case KerbCallRequest.QueryTicketCache q -> {
                WireWriter w = new WireWriter(QUERY_REQUEST_SIZE);
                w.u32(0, (q.ex() ? KerbProtocolMessageType.QUERY_TICKET_CACHE_EX
                        : KerbProtocolMessageType.QUERY_TICKET_CACHE).value());
                yield luid(w, 4, q.logonId()).toBytes();
            }
            case KerbCallRequest.PurgeTicketCache p -> {
                WireWriter w = new WireWriter(PURGE_REQUEST_SIZE);
                w.u32(0, KerbProtocolMessageType.PURGE_TICKET_CACHE.value());
                luid(w, 4, p.logonId()).unicodeString(16, p.serverName()).unicodeString(32, p.realmName());
                yield w.toBytes();
            }
            case KerbCallRequest.PurgeTicketCacheEx p -> {
                WireWriter w = new WireWriter(PURGE_EX_REQUEST_SIZE);
                w.u32(0, KerbProtocolMessageType.PURGE_TICKET_CACHE_EX.value());
                luid(w, 4, p.logonId()).u32(12, p.flags());
                writeInfo(w, 16, p.template(), true);
                yield w.toBytes();
            }
            case KerbCallRequest.RetrieveTicket t when !t.encoded() -> {
                WireWriter w = new WireWriter(QUERY_REQUEST_SIZE);
                w.u32(0, KerbProtocolMessageType.RETRIEVE_TICKET.value());
                yield luid(w, 4, t.logonId()).toBytes();
            }
            case KerbCallRequest.RetrieveTicket t -> {
                WireWriter w = new WireWriter(RETRIEVE_REQUEST_SIZE);
                w.u32(0, KerbProtocolMessageType.RETRIEVE_ENCODED_TICKET.value());
                luid(w, 4, t.logonId()).unicodeString(16, t.targetName()).u32(32, t.ticketFlags())
                        .u32(36, t.cacheOptions()).u32(40, t.encryptionType());
                yield w.toBytes();
            }
        };
    }

    // ------------------------------------------------------------------ query response

    /** KERB_QUERY_TKT_CACHE_RESPONSE, or its Ex form with KERB_TICKET_CACHE_INFO_EX entries. */
    public static byte[] encodeQueryResponse(List<KerbTicketCacheInfo> tickets, boolean ex) {
        int entry = ex ? INFO_EX_SIZE : INFO_SIZE;
        WireWriter w = new WireWriter(8 + tickets.size() * entry);
        w.u32(0, (ex ? KerbProtocolMessageType.QUERY_TICKET_CACHE_EX : KerbProtocolMessageType.QUERY_TICKET_CACHE)
                .value()).u32(4, tickets.size());
        for (int i = 0; i < tickets.size(); i++) {
            writeInfo(w, 8 + i * entry, tickets.get(i), ex);
        }
        return w.toBytes();
    }

    /** Decodes a query response (either form, by its MessageType); INVALID_PARAMETER when malformed. */
    public static List<KerbTicketCacheInfo> decodeQueryResponse(byte[] buffer) throws LsaException {
        int type = messageType(buffer);
        boolean ex = type == KerbProtocolMessageType.QUERY_TICKET_CACHE_EX.value();
        if (!ex && type != KerbProtocolMessageType.QUERY_TICKET_CACHE.value()) {
            throw new LsaException(NtStatus.INVALID_PARAMETER, "MessageType " + type + " is not a ticket cache response");
        }
        WireReader r = WireReader.over(buffer);
        r.requireLength(8, "KERB_QUERY_TKT_CACHE_RESPONSE");
        long count = Integer.toUnsignedLong(r.u32(4));
        int entry = ex ? INFO_EX_SIZE : INFO_SIZE;
        if (count > MAX_TICKETS || 8 + count * entry > buffer.length) {
            throw new LsaException(NtStatus.INVALID_PARAMETER, "CountOfTickets " + count
                    + " does not fit the " + buffer.length + "-byte response");
        }
        int fixed = 8 + (int) count * entry;
        List<KerbTicketCacheInfo> out = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            out.add(readInfo(r, 8 + i * entry, ex, fixed));
        }
        return List.copyOf(out);
    }

    private static void writeInfo(WireWriter w, int at, KerbTicketCacheInfo t, boolean ex) {
        int o = at;
        if (ex) {
            w.unicodeString(o, t.clientName()).unicodeString(o + 16, t.clientRealm());
            o += 32;
        }
        w.unicodeString(o, t.serverName()).unicodeString(o + 16, t.serverRealm()).u64(o + 32, t.startTime())
                .u64(o + 40, t.endTime()).u64(o + 48, t.renewTime()).u32(o + 56, t.encryptionType())
                .u32(o + 60, t.ticketFlags());
    }

    private static KerbTicketCacheInfo readInfo(WireReader r, int at, boolean ex, int fixed) throws LsaException {
        String clientName = "";
        String clientRealm = "";
        int o = at;
        if (ex) {
            clientName = r.unicodeString(o, fixed, "ClientName");
            clientRealm = r.unicodeString(o + 16, fixed, "ClientRealm");
            o += 32;
        }
        return new KerbTicketCacheInfo(clientName, clientRealm, r.unicodeString(o, fixed, "ServerName"),
                r.unicodeString(o + 16, fixed, ex ? "ServerRealm" : "RealmName"), r.u64(o + 32), r.u64(o + 40),
                r.u64(o + 48), r.u32(o + 56), r.u32(o + 60));
    }

    // ------------------------------------------------------------------ retrieve response

    /** KERB_RETRIEVE_TKT_RESPONSE; it may hold a session key: zero the result after use. */
    public static byte[] encodeRetrieveResponse(KerbExternalTicket t) {
        WireWriter w = new WireWriter(EXTERNAL_TICKET_SIZE);
        w.u64(0, writeName(w, t.serviceName())).u64(8, writeName(w, t.targetName()))
                .u64(16, writeName(w, t.clientName()));
        w.unicodeString(24, t.domainName()).unicodeString(40, t.targetDomainName())
                .unicodeString(56, t.altTargetDomainName());
        if (t.sessionKey().isPresent()) {
            byte[] v = t.sessionKey().get().value();
            KerbProfileCodec.writeCryptoKey(w, 72, t.sessionKey().get().keyType(), v);
            java.util.Arrays.fill(v, (byte) 0);
        }
        byte[] ticket = t.encodedTicket();
        w.u32(88, t.ticketFlags()).u32(92, t.flags()).u64(96, t.keyExpirationTime()).u64(104, t.startTime())
                .u64(112, t.endTime()).u64(120, t.renewUntil()).u64(128, t.timeSkew()).u32(136, ticket.length)
                .u64(144, w.append(ticket));
        byte[] out = w.toBytes();
        w.wipe();
        return out;
    }

    private static long writeName(WireWriter w, KerbExternalTicket.Name name) {
        int at = w.reserve(8 + 16 * name.names().size());
        w.u16(at, name.nameType()).u16(at + 2, name.names().size());
        for (int i = 0; i < name.names().size(); i++) {
            w.unicodeString(at + 8 + 16 * i, name.names().get(i));
        }
        return at;
    }

    /** Decodes KERB_RETRIEVE_TKT_RESPONSE; INVALID_PARAMETER when any pointer or length leaves the buffer. */
    public static KerbExternalTicket decodeRetrieveResponse(byte[] buffer) throws LsaException {
        WireReader r = WireReader.over(buffer);
        r.requireLength(EXTERNAL_TICKET_SIZE, "KERB_EXTERNAL_TICKET");
        int fixed = EXTERNAL_TICKET_SIZE;
        KerbExternalTicket.Name service = readName(r, r.u64(0), fixed, "ServiceName");
        KerbExternalTicket.Name target = readName(r, r.u64(8), fixed, "TargetName");
        KerbExternalTicket.Name client = readName(r, r.u64(16), fixed, "ClientName");
        Optional<KerbCryptoKey> key = r.u32(76) == 0 && r.u64(80) == 0 ? Optional.empty()
                : Optional.of(KerbProfileCodec.readCryptoKey(r, 72, fixed, "SessionKey"));
        long size = Integer.toUnsignedLong(r.u32(136));
        if (size > MAX_TICKET_BYTES) {
            throw new LsaException(NtStatus.INVALID_PARAMETER, "EncodedTicketSize " + size + " is too large");
        }
        byte[] ticket = r.region(r.u64(144), size, fixed, "EncodedTicket");
        return new KerbExternalTicket(service, target, client, r.unicodeString(24, fixed, "DomainName"),
                r.unicodeString(40, fixed, "TargetDomainName"), r.unicodeString(56, fixed, "AltTargetDomainName"),
                key, r.u32(88), r.u32(92), r.u64(96), r.u64(104), r.u64(112), r.u64(120), r.u64(128), ticket);
    }

    private static KerbExternalTicket.Name readName(WireReader r, long offset, int fixed, String field)
            throws LsaException {
        if (offset == 0) {
            return new KerbExternalTicket.Name(0, List.of());
        }
        byte[] head = r.region(offset, 8, fixed, field);
        int nameType = (short) ((head[0] & 0xFF) | (head[1] & 0xFF) << 8);
        int count = (head[2] & 0xFF) | (head[3] & 0xFF) << 8;
        r.region(offset, 8 + 16L * count, fixed, field + ".Names");
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(r.unicodeString((int) offset + 8 + 16 * i, fixed, field + ".Names[" + i + "]"));
        }
        return new KerbExternalTicket.Name(nameType, names);
    }

    // ------------------------------------------------------------------ LUID

    private static Luid luid(WireReader r, int at) throws LsaException {
        return new Luid(Integer.toUnsignedLong(r.u32(at)) | (long) r.u32(at + 4) << 32);
    }

    private static WireWriter luid(WireWriter w, int at, Luid id) {
        return w.u32(at, (int) id.value()).u32(at + 4, (int) (id.value() >>> 32));
    }
}
