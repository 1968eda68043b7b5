package org.openlsa.ipc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.Sid;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.engine.TokenHandle;
import org.openlsa.ipc.Protocol.Opcode;
import org.openlsa.launch.ProcessSpec;
import org.openlsa.launch.Stdio;

/**
 * The request codec (docs/ipc.md, "Requests and responses"): payload {@code u32 requestId, u16 opcode}, then the
 * body of the opcode. A body decodes exactly or not at all; a decoded request re-encodes to the same bytes.
 */
public final class Requests {
    private Requests() {}

    /** requestId and opcode, the 6 bytes before every body. */
    public static final int HEADER_BYTES = 6;

    /** The header of a request payload, readable even when its body is not. */
    public record Header(int requestId, int opcode) {}

    /**
     * Reads only the header, so a server can answer a request whose body is bad (INVALID_PARAMETER) or whose opcode
     * is unknown (NOT_SUPPORTED) with the right requestId.
     *
     * @throws LsaException INVALID_PARAMETER for a payload shorter than 6 bytes (which cannot be answered)
     */
    public static Header header(byte[] payload) throws LsaException {
        if (payload.length < HEADER_BYTES) {
            throw BodyReader.invalid("a request payload has at least " + HEADER_BYTES + " bytes, got "
                    + payload.length);
        }
        BodyReader r = new BodyReader(payload);
        return new Header(r.u32(), r.u16());
    }

    /**
     * Encodes a request. The payload holds any password the request carries: the caller zeroes it once sent.
     *
     * @throws IllegalArgumentException for {@link Request.Unknown}
     */
    public static byte[] encode(int requestId, Request request) {
        BodyWriter w = new BodyWriter();
        w.u32(requestId).u16(opcodeOf(request).value());
        switch (request) {
            case Request.RegisterLogonProcess q -> w.string(q.logonProcessName());
            case Request.ConnectUntrusted q -> { }
            case Request.LookupAuthenticationPackage q -> w.string(q.packageName());
            case Request.LogonUser q -> Structures.writeLogonRequest(w, q.request());
            case Request.LogonUserWithPassword q -> {
                w.string(q.user()).string(q.domain());
                q.password().use(w::bytes); // read in place, no copy
                w.u32(q.logon32Type()).u32(q.logon32Provider());
            }
            case Request.CallPackage q -> {
                w.u32(q.packageId());
                q.submit().use(w::bytes); // read in place: it may hold a password
            }
            case Request.FreeReturnBuffer q -> w.u64(q.bufferId());
            case Request.EnumerateLogonSessions q -> { }
            case Request.EnumerateLogonSessionsPaged q -> w.u64(q.after().value()).u32(q.maxCount());
            case Request.GetLogonSessionData q -> w.u64(q.logonId().value());
            case Request.GetTokenInformation q -> w.u64(q.token().value()).u32(q.informationClass().value());
            case Request.QueryToken q -> w.u64(q.token().value());
            case Request.DuplicateToken q -> w.u64(q.token().value()).u32(q.desiredAccess())
                    .u32(Structures.levelValue(q.levelOrNull())).u32(q.type().value());
            case Request.CloseHandle q -> w.u64(q.token().value());
            case Request.Whoami q -> { }
            case Request.LookupSids q -> {
                w.u32(q.sids().size());
                q.sids().forEach(w::sid);
            }
            case Request.LookupNames q -> {
                w.u32(q.names().size());
                q.names().forEach(w::string);
            }
            case Request.MapIds q -> IdMapCodec.writeQueries(w, q.queries());
            case Request.CreateProcessAsUser q -> {
                w.u64(q.token().value());
                writeSpec(w, q.spec());
                w.u8(q.stdioMask());
            }
            case Request.CreateProcessWithLogon q -> {
                w.string(q.user()).string(q.domain());
                q.password().use(w::bytes); // read in place, no copy
                w.string(q.packageName()).u32(q.logonType());
                writeSpec(w, q.spec());
                w.u8(q.stdioMask());
            }
            case Request.WaitProcess q -> w.u32(q.processHandle()).u32(q.timeoutMillis());
            case Request.SignalProcess q -> w.u32(q.processHandle()).u32(q.signal());
            case Request.CloseProcess q -> w.u32(q.processHandle());
            case Request.QueryUserToken q -> w.u64(q.logonId().value());
            case Request.Unknown q -> throw new AssertionError("unreachable");
        }
        return w.toByteArray();
    }

    /** The opcode of a known request. */
    public static Opcode opcodeOf(Request request) {
        return switch (request) {
            case Request.RegisterLogonProcess q -> Opcode.REGISTER_LOGON_PROCESS;
            case Request.ConnectUntrusted q -> Opcode.CONNECT_UNTRUSTED;
            case Request.LookupAuthenticationPackage q -> Opcode.LOOKUP_AUTHENTICATION_PACKAGE;
            case Request.LogonUser q -> Opcode.LOGON_USER;
            case Request.LogonUserWithPassword q -> Opcode.LOGON_USER_WITH_PASSWORD;
            case Request.CallPackage q -> Opcode.CALL_AUTHENTICATION_PACKAGE;
            case Request.FreeReturnBuffer q -> Opcode.FREE_RETURN_BUFFER;
            case Request.EnumerateLogonSessions q -> Opcode.ENUMERATE_LOGON_SESSIONS;
            case Request.EnumerateLogonSessionsPaged q -> Opcode.ENUMERATE_LOGON_SESSIONS_PAGED;
            case Request.GetLogonSessionData q -> Opcode.GET_LOGON_SESSION_DATA;
            case Request.GetTokenInformation q -> Opcode.GET_TOKEN_INFORMATION;
            case Request.QueryToken q -> Opcode.QUERY_TOKEN;
            case Request.DuplicateToken q -> Opcode.DUPLICATE_TOKEN;
            case Request.CloseHandle q -> Opcode.CLOSE_HANDLE;
            case Request.Whoami q -> Opcode.WHOAMI;
            case Request.LookupSids q -> Opcode.LOOKUP_SIDS;
            case Request.LookupNames q -> Opcode.LOOKUP_NAMES;
            case Request.MapIds q -> Opcode.MAP_IDS;
            case Request.CreateProcessAsUser q -> Opcode.CREATE_PROCESS_AS_USER;
            case Request.CreateProcessWithLogon q -> Opcode.CREATE_PROCESS_WITH_LOGON;
            case Request.WaitProcess q -> Opcode.WAIT_PROCESS;
            case Request.SignalProcess q -> Opcode.SIGNAL_PROCESS;
            case Request.CloseProcess q -> Opcode.CLOSE_PROCESS;
            case Request.QueryUserToken q -> Opcode.QUERY_USER_TOKEN;
            case Request.Unknown q -> throw new IllegalArgumentException(
                    "opcode " + q.opcode() + " is unknown to this version and cannot be encoded");
        };
    }

    /**
     * Decodes a request payload. An unknown opcode decodes to {@link Request.Unknown} (its body unread). The
     * decoder keeps no copy of secret bytes beyond the request it returns ({@link #wipe} zeroes those); the payload
     * stays the caller's to zero.
     *
     * @throws LsaException INVALID_PARAMETER when the payload is shorter than the header or the body does not decode
     *     exactly (use {@link #header} to answer it)
     */
    public static Envelope<Request> decode(byte[] payload) throws LsaException {
        Header h = header(payload);
        Optional<Opcode> known = Opcode.fromValue(h.opcode());
        if (known.isEmpty()) {
            return new Envelope<>(h.requestId(), h.opcode(), new Request.Unknown(h.opcode()));
        }
        BodyReader r = new BodyReader(payload, HEADER_BYTES);
        Request request = switch (known.get()) {
            case REGISTER_LOGON_PROCESS -> new Request.RegisterLogonProcess(r.string("logonProcessName"));
            case CONNECT_UNTRUSTED -> new Request.ConnectUntrusted();
            case LOOKUP_AUTHENTICATION_PACKAGE -> new Request.LookupAuthenticationPackage(r.string("packageName"));
            case LOGON_USER -> new Request.LogonUser(Structures.readLogonRequest(r));
            case LOGON_USER_WITH_PASSWORD -> {
                String user = r.string("user");
                String domain = r.string("domain");
                SecretBytes password = SecretBytes.adopt(r.bytes("passwordUtf16le"));
                try {
                    yield new Request.LogonUserWithPassword(user, domain, password, r.u32(), r.u32());
                } catch (LsaException e) {
                    password.destroy();
                    throw e;
                }
            }
            case CALL_AUTHENTICATION_PACKAGE -> {
                int packageId = r.u32();
                // A secret from the moment it is read: the request adopts it.
                yield new Request.CallPackage(packageId, SecretBytes.adopt(r.bytes("submitBuffer")));
            }
            case FREE_RETURN_BUFFER -> new Request.FreeReturnBuffer(r.u64());
            case ENUMERATE_LOGON_SESSIONS -> new Request.EnumerateLogonSessions();
            case ENUMERATE_LOGON_SESSIONS_PAGED -> {
                Luid after = new Luid(r.u64());
                int max = r.u32();
                if (max == 0) {
                    throw BodyReader.invalid("maxCount must be at least 1");
                }
                yield new Request.EnumerateLogonSessionsPaged(after, max);
            }
            case GET_LOGON_SESSION_DATA -> new Request.GetLogonSessionData(new Luid(r.u64()));
            case GET_TOKEN_INFORMATION -> new Request.GetTokenInformation(new TokenHandle(r.u64()),
                    Structures.readInformationClass(r));
            case QUERY_TOKEN -> new Request.QueryToken(new TokenHandle(r.u64()));
            case DUPLICATE_TOKEN -> new Request.DuplicateToken(new TokenHandle(r.u64()), r.u32(),
                    Structures.readLevel(r, true), Structures.readTokenType(r));
            case CLOSE_HANDLE -> new Request.CloseHandle(new TokenHandle(r.u64()));
            case WHOAMI -> new Request.Whoami();
            case LOOKUP_SIDS -> {
                int n = r.count(9, "sids");
                List<Sid> sids = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    sids.add(r.sid("sids"));
                }
                yield new Request.LookupSids(sids);
            }
            case LOOKUP_NAMES -> {
                int n = r.count(4, "names");
                List<String> names = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    names.add(r.string("names"));
                }
                yield new Request.LookupNames(names);
            }
            case MAP_IDS -> new Request.MapIds(IdMapCodec.readQueries(r));
            case CREATE_PROCESS_AS_USER -> {
                TokenHandle token = new TokenHandle(r.u64());
                ProcessSpec spec = readSpec(r);
                yield new Request.CreateProcessAsUser(token, spec, readStdioMask(r));
            }
            case CREATE_PROCESS_WITH_LOGON -> {
                String user = r.string("user");
                String domain = r.string("domain");
                SecretBytes password = SecretBytes.adopt(r.bytes("passwordUtf16le"));
                try {
                    String packageName = r.string("packageName");
                    int logonType = r.u32();
                    ProcessSpec spec = readSpec(r);
                    yield new Request.CreateProcessWithLogon(user, domain, password, packageName, logonType, spec,
                            readStdioMask(r));
                } catch (LsaException e) {
                    password.destroy();
                    throw e;
                }
            }
            case WAIT_PROCESS -> new Request.WaitProcess(r.u32(), r.u32());
            case SIGNAL_PROCESS -> new Request.SignalProcess(r.u32(), r.u32());
            case CLOSE_PROCESS -> new Request.CloseProcess(r.u32());
            case QUERY_USER_TOKEN -> new Request.QueryUserToken(new Luid(r.u64()));
        };
        try {
            r.requireEnd();
        } catch (LsaException e) {
            wipe(request);
            throw e;
        }
        return new Envelope<>(h.requestId(), h.opcode(), request);
    }

    /** Zeroes the secret bytes a decoded request holds (a password, a logon structure, a submit buffer). */
    public static void wipe(Request request) {
        switch (request) {
            case Request.LogonUser q -> q.request().close();
            case Request.LogonUserWithPassword q -> q.password().destroy();
            case Request.CallPackage q -> q.wipe();
            case Request.CreateProcessWithLogon q -> q.password().destroy();
            default -> { }
        }
    }

    /** docs/ipc.md, "Processes": at most this many arguments (argv[1..]) in a ProcessSpec. */
    public static final int MAX_ARGUMENTS = 4096;
    /** docs/ipc.md, "Processes": at most this many environment variables in a ProcessSpec. */
    public static final int MAX_ENVIRONMENT = 1024;
    /** The stdioMask bits: 0 stdin, 1 stdout, 2 stderr. */
    public static final int STDIO_MASK_BITS = 0b111;

    static void checkStdioMask(int mask) {
        if ((mask & ~STDIO_MASK_BITS) != 0) {
            throw new IllegalArgumentException("stdioMask has bits 0..2 only: 0x" + Integer.toHexString(mask));
        }
    }

    private static int readStdioMask(BodyReader r) throws LsaException {
        int mask = r.u8();
        if ((mask & ~STDIO_MASK_BITS) != 0) {
            throw BodyReader.invalid("stdioMask has bits 0..2 only (stdin, stdout, stderr), got 0x"
                    + Integer.toHexString(mask));
        }
        return mask;
    }

    /**
     * {@code ProcessSpec}: {@code string program, u32 argc, string × argc, u32 envc, (string name, string value) ×
     * envc, string workingDirectory} ("" for the account's home). Neither stdio nor resource limits are on the wire.
     *
     * @throws IllegalArgumentException for a spec with resource limits, which the daemon's protocol does not carry
     */
    private static void writeSpec(BodyWriter w, ProcessSpec spec) {
        if (!spec.limits().isEmpty()) {
            throw new IllegalArgumentException("resource limits do not cross the daemon's socket");
        }
        w.string(spec.program().toString());
        w.u32(spec.arguments().size());
        spec.arguments().forEach(w::string);
        w.u32(spec.environment().size());
        spec.environment().forEach((k, v) -> w.string(k).string(v));
        w.string(spec.workingDirectory().map(Path::toString).orElse(""));
    }

    /**
     * A spec as {@link #writeSpec} writes it, with {@link Stdio#NULL} streams. Paths must be written as
     * {@link Path} spells them (absolute, no "//" or trailing "/") and names must not repeat, so that a decoded
     * spec re-encodes to the same bytes; what {@link ProcessSpec} refuses (a relative program, a NUL, an '=' in a
     * name) is INVALID_PARAMETER.
     */
    private static ProcessSpec readSpec(BodyReader r) throws LsaException {
        String program = r.string("program");
        int argc = r.count(4, "arguments");
        if (argc > MAX_ARGUMENTS) {
            throw BodyReader.invalid("arguments: at most " + MAX_ARGUMENTS + ", got " + argc);
        }
        List<String> args = new ArrayList<>(argc);
        for (int i = 0; i < argc; i++) {
            args.add(r.string("arguments"));
        }
        int envc = r.count(8, "environment");
        if (envc > MAX_ENVIRONMENT) {
            throw BodyReader.invalid("environment: at most " + MAX_ENVIRONMENT + " variables, got " + envc);
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < envc; i++) {
            String name = r.string("environment name");
            if (env.put(name, r.string("environment value")) != null) {
                throw BodyReader.invalid("environment: the name \"" + name + "\" repeats");
            }
        }
        String dir = r.string("workingDirectory");
        try {
            ProcessSpec.Builder b = ProcessSpec.of(canonicalPath(program, "program")).stdin(Stdio.NULL)
                    .stdout(Stdio.NULL).stderr(Stdio.NULL);
            b.arguments(args.toArray(String[]::new));
            env.forEach(b::environment);
            if (!dir.isEmpty()) {
                b.workingDirectory(canonicalPath(dir, "workingDirectory"));
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw BodyReader.invalid("ProcessSpec: " + e.getMessage());
        }
    }

    private static Path canonicalPath(String s, String field) throws LsaException {
        Path p;
        try {
            p = Path.of(s);
        } catch (java.nio.file.InvalidPathException e) { // a NUL
            throw BodyReader.invalid(field + ": not a path");
        }
        if (!p.isAbsolute() || !p.toString().equals(s)) {
            throw BodyReader.invalid(field + ": an absolute path written plainly (no \"//\", no trailing \"/\"), not \""
                    + s + "\"");
        }
        return p;
    }
}
