package org.openlsa.bench;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal KCM client on one Unix-socket connection, for measuring a KCM server without a process start per
 * operation. The wire format is the one MIT krb5's cc_kcm.c speaks (shared/reference/acting-as-client.md, "KCM"):
 * a request is a u32 big-endian length, then major 2, minor 0, a u16 opcode and the arguments; a reply is a u32
 * length, a u32 transport status (0), then that many bytes: a u32 krb5 error code (0 = success) and the reply
 * data (cc_kcm.c's kcmio_unix_socket_read, then kcmio_call). Cache names are the part after "KCM:"
 * ({@code 0:bench}), NUL-terminated. Replies are bounded ({@link #MAX_REPLY_BYTES}); nothing in them is trusted.
 */
final class KcmWireClient implements AutoCloseable {
    /** Larger than any reply a 20-ticket cache gives; a length beyond it is a broken server, not a big cache. */
    static final int MAX_REPLY_BYTES = 1 << 20;
    /** The opcodes measured (MIT's kcm.h; 13001 is MIT's own extension). */
    static final int GET_PRINCIPAL = 8;
    static final int GET_CRED_UUID_LIST = 9;
    static final int GET_CRED_BY_UUID = 10;
    static final int GET_DEFAULT_CACHE = 20;
    static final int GET_CRED_LIST = 13001;
    private static final int UUID_BYTES = 16;

    /** A reply: its krb5 error code (0 = success) and the data after it. */
    record Reply(int code, byte[] data) {
        boolean ok() {
            return code == 0;
        }
    }

    /** A failed operation, with the server's krb5 error code. */
    static final class KcmError extends IOException {
        private static final long serialVersionUID = 1L;
        final int code;

        KcmError(String what, int code) {
            super(what + " failed: krb5 error " + code);
            this.code = code;
        }
    }

    private final SocketChannel channel;

    private KcmWireClient(SocketChannel channel) {
        this.channel = channel;
    }

    static KcmWireClient connect(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            return new KcmWireClient(channel);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /** One request and its reply. */
    Reply call(int opcode, byte[] arguments) throws IOException {
        ByteBuffer request = ByteBuffer.allocate(4 + 4 + arguments.length);
        request.putInt(4 + arguments.length).put((byte) 2).put((byte) 0).putShort((short) opcode).put(arguments).flip();
        while (request.hasRemaining()) {
            channel.write(request);
        }
        // Two status words: the transport's (after the length; MIT returns it if non-zero without reading on) and
        // the operation's (the first four bytes of the reply body), which carries the krb5 error code.
        ByteBuffer head = ByteBuffer.allocate(8);
        readFully(head);
        head.flip();
        int length = head.getInt();
        int transportCode = head.getInt();
        if (transportCode != 0) {
            // MIT reads nothing more after a non-zero transport status; sssd-kcm sends a zero length with it.
            if (length != 0) {
                throw new IOException("KCM transport status " + transportCode + " followed by " + length
                        + " bytes: the connection is out of step");
            }
            throw new KcmError("KCM transport", transportCode);
        }
        if (length < 4 || length > MAX_REPLY_BYTES) {
            throw new IOException("KCM reply length " + Integer.toUnsignedString(length) + " outside 4.."
                    + MAX_REPLY_BYTES);
        }
        ByteBuffer body = ByteBuffer.allocate(length);
        readFully(body);
        body.flip();
        int code = body.getInt();
        byte[] data = new byte[body.remaining()];
        body.get(data);
        return new Reply(code, data);
    }

    private void readFully(ByteBuffer into) throws IOException {
        while (into.hasRemaining()) {
            if (channel.read(into) < 0) {
                throw new EOFException("the KCM server closed the connection mid-reply");
            }
        }
    }

    /** A cache name as the protocol carries it: UTF-8 and a NUL. */
    static byte[] name(String residual) {
        if (residual.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a cache name cannot contain NUL");
        }
        byte[] utf8 = residual.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[utf8.length + 1];
        System.arraycopy(utf8, 0, out, 0, utf8.length);
        return out;
    }

    /** GET_DEFAULT_CACHE: the caller's default cache name (residual). */
    String defaultCache() throws IOException {
        Reply r = call(GET_DEFAULT_CACHE, new byte[0]);
        if (!r.ok()) {
            throw new KcmError("GET_DEFAULT_CACHE", r.code());
        }
        int end = 0;
        while (end < r.data().length && r.data()[end] != 0) {
            end++;
        }
        if (end == r.data().length) {
            throw new IOException("GET_DEFAULT_CACHE reply is not NUL-terminated");
        }
        return new String(r.data(), 0, end, StandardCharsets.UTF_8);
    }

    /** GET_CRED_UUID_LIST then GET_CRED_BY_UUID for each: the cache's credentials as the pre-1.20 client reads them. */
    List<byte[]> credentialsByUuid(String cache) throws IOException {
        byte[] nameBytes = name(cache);
        Reply list = call(GET_CRED_UUID_LIST, nameBytes);
        if (!list.ok()) {
            throw new KcmError("GET_CRED_UUID_LIST", list.code());
        }
        if (list.data().length % UUID_BYTES != 0) {
            throw new IOException("GET_CRED_UUID_LIST reply of " + list.data().length + " bytes is not whole UUIDs");
        }
        List<byte[]> credentials = new ArrayList<>(list.data().length / UUID_BYTES);
        byte[] args = new byte[nameBytes.length + UUID_BYTES];
        System.arraycopy(nameBytes, 0, args, 0, nameBytes.length);
        for (int at = 0; at < list.data().length; at += UUID_BYTES) {
            System.arraycopy(list.data(), at, args, nameBytes.length, UUID_BYTES);
            Reply cred = call(GET_CRED_BY_UUID, args);
            if (!cred.ok()) {
                throw new KcmError("GET_CRED_BY_UUID", cred.code());
            }
            credentials.add(cred.data());
        }
        return credentials;
    }

    /**
     * MIT's GET_CRED_LIST (13001): every credential in one reply, {@code u32 count} then {@code count x (u32 length,
     * credential)}. A server without it answers an error code (the client then falls back to the UUID opcodes).
     */
    List<byte[]> credentialList(String cache) throws IOException {
        Reply r = call(GET_CRED_LIST, name(cache));
        if (!r.ok()) {
            throw new KcmError("GET_CRED_LIST", r.code());
        }
        ByteBuffer data = ByteBuffer.wrap(r.data());
        if (data.remaining() < 4) {
            throw new IOException("GET_CRED_LIST reply shorter than its count");
        }
        int count = data.getInt();
        // Each credential takes at least its 4-byte length: a count beyond that is a lie.
        if (count < 0 || count > data.remaining() / 4) {
            throw new IOException("GET_CRED_LIST count " + Integer.toUnsignedString(count) + " exceeds the reply");
        }
        List<byte[]> credentials = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (data.remaining() < 4) {
                throw new IOException("GET_CRED_LIST reply ends before credential " + i);
            }
            int length = data.getInt();
            if (length < 0 || length > data.remaining()) {
                throw new IOException("GET_CRED_LIST credential " + i + " of " + Integer.toUnsignedString(length)
                        + " bytes exceeds the reply");
            }
            byte[] cred = new byte[length];
            data.get(cred);
            credentials.add(cred);
        }
        return credentials;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
