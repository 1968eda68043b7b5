package org.openlsa.ipc;

import java.util.ArrayList;
import java.util.List;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.engine.CallPackageResult;
import org.openlsa.engine.TokenHandle;
import org.openlsa.ipc.Protocol.Opcode;

/**
 * The response codec (docs/ipc.md, "Requests and responses"): payload {@code u32 requestId}, {@code u16 opcode |
 * 0x8000}, {@code status}, {@code status subStatus}, then on success the body of the opcode, on failure
 * {@code string message}.
 */
public final class Responses {
    private Responses() {}

    public static final int HEADER_BYTES = 14;

    /**
     * Encodes a response to a request with the raw opcode {@code opcode}: any u16 a request header can carry, so
     * that every request is answered (an unknown opcode with its NOT_SUPPORTED failure). A request opcode with the
     * response bit already set (0x8000..0xFFFF) is never a known one; its response opcode is the same value, since
     * {@code opcode | 0x8000} leaves it unchanged. A success body writes status and SubStatus SUCCESS.
     *
     * @throws IllegalArgumentException when {@code opcode} is not a u16, or a success body does not belong to it
     */
    public static byte[] encode(int requestId, int opcode, Response response) {
        if (opcode < 0 || opcode > 0xFFFF) {
            throw new IllegalArgumentException("a request opcode is a u16: " + opcode);
        }
        BodyWriter w = new BodyWriter();
        w.u32(requestId).u16(opcode | Protocol.RESPONSE_BIT);
        if (response instanceof Response.Failure f) {
            w.status(f.status()).status(f.subStatus()).string(f.message());
            return w.toByteArray();
        }
        Opcode known = Opcode.fromValue(opcode).orElseThrow(
                () -> new IllegalArgumentException("opcode " + opcode + " is unknown: only a failure answers it"));
        if (!fits(known, response)) {
            throw new IllegalArgumentException(response.getClass().getSimpleName() + " is not a response to " + known);
        }
        // A cut ENUMERATE_LOGON_SESSIONS list is a success that says more entries exist (docs/ipc.md).
        w.status(response instanceof Response.Sessions s && s.more() ? NtStatus.MORE_ENTRIES : NtStatus.SUCCESS)
                .status(NtStatus.SUCCESS);
        switch (response) {
            case Response.Empty e -> { }
            case Response.PackageId p -> w.u32(p.packageId());
            case Response.Logon l -> Structures.writeLogonResult(w, l.result());
            case Response.Handle h -> w.u64(h.token().value());
            case Response.CallPackage c -> {
                Structures.writeReturnBuffer(w, c.result().returnBuffer());
                w.status(c.result().protocolStatus());
            }
            case Response.Sessions s -> {
                w.u32(s.logonIds().size());
                s.logonIds().forEach(id -> w.u64(id.value()));
            }
            case Response.SessionPage p -> {
                w.u32(p.page().logonIds().size());
                p.page().logonIds().forEach(id -> w.u64(id.value()));
                w.bool(p.page().more());
            }
            case Response.SessionData d -> Structures.writeLogonSessionData(w, d.data());
            case Response.TokenInfo t -> Structures.writeTokenInformation(w, t.information());
            case Response.Token t -> Structures.writeAccessToken(w, t.token());
            case Response.SidsLookedUp l -> Structures.writeLookupSidsResult(w, l.result());
            case Response.NamesLookedUp l -> Structures.writeLookupNamesResult(w, l.result());
            case Response.IdsMapped m -> IdMapCodec.writeReport(w, m.report());
            case Response.ProcessCreated p -> w.u32(p.processHandle()).u32(p.pid());
            case Response.ProcessState p -> w.u8(p.state()).u32(p.value());
            case Response.Failure f -> throw new AssertionError("unreachable");
        }
        return w.toByteArray();
    }

    private static List<Luid> readLuids(BodyReader r) throws LsaException {
        int n = r.count(8, "logonIds");
        List<Luid> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(new Luid(r.u64()));
        }
        return ids;
    }

    /**
     * How many LUIDs a reply to ENUMERATE_LOGON_SESSIONS (or, with {@code paged}, _PAGED) can carry in a frame of
     * {@code maxFrameBytes}: the header, the count (and the more flag), then 8 bytes each.
     */
    public static int sessionsThatFit(int maxFrameBytes, boolean paged) {
        return (maxFrameBytes - HEADER_BYTES - 4 - (paged ? 1 : 0)) / 8;
    }

    public static byte[] encode(int requestId, Opcode opcode, Response response) {
        return encode(requestId, opcode.value(), response);
    }

    private static boolean fits(Opcode opcode, Response response) {
        return switch (opcode) {
            case REGISTER_LOGON_PROCESS, CONNECT_UNTRUSTED, FREE_RETURN_BUFFER, CLOSE_HANDLE, SIGNAL_PROCESS,
                 CLOSE_PROCESS -> response instanceof Response.Empty;
            case CREATE_PROCESS_AS_USER, CREATE_PROCESS_WITH_LOGON -> response instanceof Response.ProcessCreated;
            case WAIT_PROCESS -> response instanceof Response.ProcessState;
            case LOOKUP_AUTHENTICATION_PACKAGE -> response instanceof Response.PackageId;
            case LOGON_USER -> response instanceof Response.Logon;
            case LOGON_USER_WITH_PASSWORD, DUPLICATE_TOKEN, QUERY_USER_TOKEN -> response instanceof Response.Handle;
            case CALL_AUTHENTICATION_PACKAGE -> response instanceof Response.CallPackage;
            case ENUMERATE_LOGON_SESSIONS -> response instanceof Response.Sessions;
            case ENUMERATE_LOGON_SESSIONS_PAGED -> response instanceof Response.SessionPage;
            case GET_LOGON_SESSION_DATA -> response instanceof Response.SessionData;
            case GET_TOKEN_INFORMATION -> response instanceof Response.TokenInfo;
            case QUERY_TOKEN, WHOAMI -> response instanceof Response.Token;
            case LOOKUP_SIDS -> response instanceof Response.SidsLookedUp;
            case LOOKUP_NAMES -> response instanceof Response.NamesLookedUp;
            case MAP_IDS -> response instanceof Response.IdsMapped;
        };
    }

    /**
     * Decodes a response to a request of opcode {@code expected}. A failure decodes to {@link Response.Failure}
     * (the client rethrows {@link Response.Failure#toException()}); a success status other than SUCCESS is accepted
     * and not kept. The requestId is returned for the caller to match.
     *
     * @throws LsaException INVALID_PARAMETER when the payload is not a response to {@code expected} or does not
     *     decode exactly
     */
    public static Envelope<Response> decode(byte[] payload, Opcode expected) throws LsaException {
        if (payload.length < HEADER_BYTES) {
            throw BodyReader.invalid("a response payload has at least " + HEADER_BYTES + " bytes, got "
                    + payload.length);
        }
        BodyReader r = new BodyReader(payload);
        int requestId = r.u32();
        int opcode = r.u16();
        if (opcode != expected.responseValue()) {
            throw BodyReader.invalid("response opcode 0x" + Integer.toHexString(opcode) + " does not answer "
                    + expected + " (0x" + Integer.toHexString(expected.responseValue()) + ")");
        }
        NtStatus status = r.status();
        NtStatus subStatus = r.status();
        Response response;
        if (!status.isSuccess()) {
            response = new Response.Failure(status, subStatus, r.string("message"));
        } else {
            response = switch (expected) {
                case REGISTER_LOGON_PROCESS, CONNECT_UNTRUSTED, FREE_RETURN_BUFFER, CLOSE_HANDLE, SIGNAL_PROCESS,
                     CLOSE_PROCESS -> new Response.Empty();
                case CREATE_PROCESS_AS_USER, CREATE_PROCESS_WITH_LOGON -> new Response.ProcessCreated(r.u32(), r.u32());
                case WAIT_PROCESS -> {
                    int state = r.u8();
                    if (state > Response.ProcessState.SIGNALED) {
                        throw BodyReader.invalid("process state is 0, 1 or 2, not " + state);
                    }
                    yield new Response.ProcessState(state, r.u32());
                }
                case LOOKUP_AUTHENTICATION_PACKAGE -> new Response.PackageId(r.u32());
                case LOGON_USER -> new Response.Logon(Structures.readLogonResult(r));
                case LOGON_USER_WITH_PASSWORD, DUPLICATE_TOKEN, QUERY_USER_TOKEN -> new Response.Handle(new TokenHandle(r.u64()));
                case CALL_AUTHENTICATION_PACKAGE -> new Response.CallPackage(
                        new CallPackageResult(Structures.readReturnBuffer(r), r.status()));
                case ENUMERATE_LOGON_SESSIONS -> new Response.Sessions(readLuids(r),
                        status.equals(NtStatus.MORE_ENTRIES));
                case ENUMERATE_LOGON_SESSIONS_PAGED -> {
                    List<Luid> ids = readLuids(r);
                    yield new Response.SessionPage(new org.openlsa.engine.LogonSessionPage(ids, r.bool("more")));
                }
                case GET_LOGON_SESSION_DATA -> new Response.SessionData(Structures.readLogonSessionData(r));
                case GET_TOKEN_INFORMATION -> new Response.TokenInfo(Structures.readTokenInformation(r));
                case QUERY_TOKEN, WHOAMI -> new Response.Token(Structures.readAccessToken(r));
                case LOOKUP_SIDS -> new Response.SidsLookedUp(Structures.readLookupSidsResult(r));
                case LOOKUP_NAMES -> new Response.NamesLookedUp(Structures.readLookupNamesResult(r));
                case MAP_IDS -> new Response.IdsMapped(IdMapCodec.readReport(r));
            };
        }
        r.requireEnd();
        return new Envelope<>(requestId, opcode, response);
    }
}
