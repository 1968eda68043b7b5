package org.openlsa.daemon.internal;

import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.core.Luid;
import org.openlsa.engine.LogonSessionPage;
import org.openlsa.engine.LsaConnection;
import org.openlsa.engine.ReturnBuffer;
import org.openlsa.ipc.Request;
import org.openlsa.ipc.Response;
import org.openlsa.ipc.Responses;

/**
 * Maps one decoded request to the {@link LsaConnection} call it names and wraps the answer (docs/ipc.md, the
 * opcode table). Connection setup, WHOAMI and MAP_IDS are the session's business, not this class's.
 */
final class Dispatcher {
    private Dispatcher() {}

    /**
     * @param maxFrameBytes the frame limit: an enumeration answers with no more ids than fit (docs/ipc.md, opcodes
     *     8 and 17), so its reply never outgrows a frame however many sessions exist
     */
    static Response handle(LsaConnection c, Request request, int maxFrameBytes) throws LsaException {
        return switch (request) {
            case Request.LookupAuthenticationPackage q -> new Response.PackageId(c.lookupAuthenticationPackage(q.packageName()));
            case Request.LogonUser q -> new Response.Logon(c.logonUser(q.request()));
            case Request.LogonUserWithPassword q -> new Response.Handle(c.logonUserWithPassword(q.user(), q.domain(),
                    q.password(), q.logon32Type(), q.logon32Provider()));
            case Request.CallPackage q -> new Response.CallPackage(c.callAuthenticationPackage(q.packageId(), q.submit()));
            case Request.FreeReturnBuffer q -> {
                c.freeReturnBuffer(new ReturnBuffer(q.bufferId(), new byte[0])); // the engine frees by id
                yield new Response.Empty();
            }
            case Request.EnumerateLogonSessions q -> {
                LogonSessionPage first = c.enumerateLogonSessions(Luid.ZERO,
                        Responses.sessionsThatFit(maxFrameBytes, false));
                yield new Response.Sessions(first.logonIds(), first.more());
            }
            case Request.EnumerateLogonSessionsPaged q -> new Response.SessionPage(c.enumerateLogonSessions(q.after(),
                    unsignedMin(q.maxCount(), Responses.sessionsThatFit(maxFrameBytes, true))));
            case Request.GetLogonSessionData q -> new Response.SessionData(c.getLogonSessionData(q.logonId()));
            case Request.GetTokenInformation q -> new Response.TokenInfo(c.getTokenInformation(q.token(), q.informationClass()));
            case Request.QueryToken q -> new Response.Token(c.queryToken(q.token()));
            case Request.DuplicateToken q -> new Response.Handle(c.duplicateToken(q.token(), q.desiredAccess(),
                    q.levelOrNull(), q.type()));
            case Request.LookupSids q -> new Response.SidsLookedUp(c.lookupSids(q.sids()));
            case Request.LookupNames q -> new Response.NamesLookedUp(c.lookupNames(q.names()));
            case Request.CloseHandle q -> {
                c.closeHandle(q.token());
                yield new Response.Empty();
            }
            case Request.RegisterLogonProcess q -> throw alreadyConnected();
            case Request.ConnectUntrusted q -> throw alreadyConnected();
            case Request.Whoami q -> throw new LsaException(NtStatus.INTERNAL_ERROR, "WHOAMI is answered by the session");
            case Request.MapIds q -> throw new LsaException(NtStatus.INTERNAL_ERROR, "MAP_IDS is answered by the session");
            case Request.CreateProcessAsUser q -> bySession(q);
            case Request.CreateProcessWithLogon q -> bySession(q);
            case Request.WaitProcess q -> bySession(q);
            case Request.SignalProcess q -> bySession(q);
            case Request.CloseProcess q -> bySession(q);
            case Request.QueryUserToken q -> new Response.Handle(c.queryUserToken(q.logonId()));
            case Request.Unknown q -> unsupported(q);
        };
    }

    /** Process handles are the session's (they live in its table, with the descriptors it received). */
    private static Response bySession(Request q) throws LsaException {
        throw new LsaException(NtStatus.INTERNAL_ERROR, q.getClass().getSimpleName() + " is answered by the session");
    }

    /** docs/ipc.md: an opcode this version does not know is answered NOT_SUPPORTED; the connection stays open. */
    static Response unsupported(Request.Unknown q) {
        return new Response.Failure(NtStatus.NOT_SUPPORTED, NtStatus.SUCCESS,
                "opcode " + q.opcode() + " is not supported by this daemon");
    }

    /** maxCount is a u32: above 2^31 it reads negative and means "as many as fit". */
    private static int unsignedMin(int u32, int cap) {
        return Integer.compareUnsigned(u32, cap) < 0 ? u32 : cap;
    }

    private static LsaException alreadyConnected() {
        return new LsaException(NtStatus.INVALID_PARAMETER, "this connection is already an LSA connection");
    }
}
