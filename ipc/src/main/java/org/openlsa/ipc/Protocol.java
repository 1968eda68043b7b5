package org.openlsa.ipc;

import java.util.Objects;
import java.util.Optional;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;

/**
 * The constants and the connection setup of the OpenLSA IPC protocol (docs/ipc.md, "Connection setup"): magic,
 * version, frame limit, opcodes, and the two hellos, which are exchanged unframed before any frame.
 */
public final class Protocol {
    private Protocol() {}

    /** "OLSA", the first four bytes of both hellos. */
    public static final int MAGIC = 0x41534C4F; // little-endian 4F 4C 53 41
    public static final int VERSION_MAJOR = 1;
    public static final int VERSION_MINOR = 4;
    public static final int DEFAULT_MAX_FRAME_BYTES = 1 << 20;
    /** Set in the opcode of every response. */
    public static final int RESPONSE_BIT = 0x8000;

    /** The request opcodes of version 1.4 (docs/ipc.md, the table under "Requests and responses"). */
    public enum Opcode {
        REGISTER_LOGON_PROCESS(1),
        CONNECT_UNTRUSTED(2),
        LOOKUP_AUTHENTICATION_PACKAGE(3),
        LOGON_USER(4),
        LOGON_USER_WITH_PASSWORD(5),
        CALL_AUTHENTICATION_PACKAGE(6),
        FREE_RETURN_BUFFER(7),
        ENUMERATE_LOGON_SESSIONS(8),
        GET_LOGON_SESSION_DATA(9),
        GET_TOKEN_INFORMATION(10),
        QUERY_TOKEN(11),
        DUPLICATE_TOKEN(12),
        CLOSE_HANDLE(13),
        WHOAMI(14),
        /** Since 1.1. */
        LOOKUP_SIDS(15),
        /** Since 1.1. */
        LOOKUP_NAMES(16),
        /** Since 1.2. */
        ENUMERATE_LOGON_SESSIONS_PAGED(17),
        /** Since 1.3: a daemon-level query, the Unix ids of SIDs and back (docs/idmap.md). */
        MAP_IDS(18),
        /** Since 1.4: CreateProcessAsUser; standard streams travel as descriptors (docs/ipc.md). */
        CREATE_PROCESS_AS_USER(19),
        /** Since 1.4: CreateProcessWithLogonW. */
        CREATE_PROCESS_WITH_LOGON(20),
        /** Since 1.4: WaitForSingleObject on a process handle, capped by the daemon. */
        WAIT_PROCESS(21),
        /** Since 1.4: TerminateProcess and the signals a console sends. */
        SIGNAL_PROCESS(22),
        /** Since 1.4: CloseHandle on a process handle (the process keeps running). */
        CLOSE_PROCESS(23),
        /** Since 1.4: WTSQueryUserToken, the primary token of a logon session (SeTcbPrivilege). */
        QUERY_USER_TOKEN(24);

        private final int value;

        Opcode(int value) {
            this.value = value;
        }

        /** The u16 of a request. */
        public int value() {
            return value;
        }

        /** The u16 of the response: {@code value | RESPONSE_BIT}. */
        public int responseValue() {
            return value | RESPONSE_BIT;
        }

        /** The opcode with this request value; empty for an opcode this version does not know. */
        public static Optional<Opcode> fromValue(int value) {
            return value >= 1 && value <= values().length ? Optional.of(values()[value - 1]) : Optional.empty();
        }
    }

    /** The client's 8-byte hello: magic, {@code u16 major}, {@code u16 minor}. */
    public record ClientHello(int major, int minor) {
        public static final int LENGTH = 8;

        public ClientHello {
            checkU16(major, "major");
            checkU16(minor, "minor");
        }

        /** The hello of this implementation (1.4). */
        public static ClientHello current() {
            return new ClientHello(VERSION_MAJOR, VERSION_MINOR);
        }

        public byte[] encode() {
            BodyWriter w = new BodyWriter();
            w.u32(MAGIC).u16(major).u16(minor);
            return w.toByteArray();
        }

        /** @throws LsaException INVALID_PARAMETER for a wrong length or magic */
        public static ClientHello decode(byte[] hello) throws LsaException {
            BodyReader r = helloReader(hello, LENGTH, "ClientHello");
            ClientHello h = new ClientHello(r.u16(), r.u16());
            r.requireEnd();
            return h;
        }
    }

    /**
     * The server's 16-byte hello: magic, {@code u16 major}, {@code u16 minor}, {@code status} (SUCCESS, or
     * NOT_SUPPORTED when no version shares the client's major), {@code u32 maxFrameBytes}.
     */
    public record ServerHello(int major, int minor, NtStatus status, int maxFrameBytes) {
        public static final int LENGTH = 16;

        public ServerHello {
            checkU16(major, "major");
            checkU16(minor, "minor");
            Objects.requireNonNull(status, "status");
        }

        /** {@code maxFrameBytes} as the unsigned value of the wire. */
        public long maxFrameBytesUnsigned() {
            return Integer.toUnsignedLong(maxFrameBytes);
        }

        public byte[] encode() {
            BodyWriter w = new BodyWriter();
            w.u32(MAGIC).u16(major).u16(minor).status(status).u32(maxFrameBytes);
            return w.toByteArray();
        }

        /** @throws LsaException INVALID_PARAMETER for a wrong length or magic */
        public static ServerHello decode(byte[] hello) throws LsaException {
            BodyReader r = helloReader(hello, LENGTH, "ServerHello");
            ServerHello h = new ServerHello(r.u16(), r.u16(), r.status(), r.u32());
            r.requireEnd();
            return h;
        }
    }

    private static BodyReader helloReader(byte[] hello, int length, String what) throws LsaException {
        if (hello.length != length) {
            throw BodyReader.invalid(what + " has " + length + " bytes, got " + hello.length);
        }
        BodyReader r = new BodyReader(hello);
        if (r.u32() != MAGIC) {
            throw BodyReader.invalid(what + " does not start with the magic 4F 4C 53 41 (\"OLSA\")");
        }
        return r;
    }

    private static void checkU16(int v, String what) {
        if (v < 0 || v > 0xFFFF) {
            throw new IllegalArgumentException(what + " version is a u16: " + v);
        }
    }
}
