package org.openlsa.peers;

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
 * A raw KCM client on one Unix-socket connection: for benchmarks without a process start per operation, and for
 * tests that send what MIT's client never would. The wire format is the one MIT krb5 1.20's cc_kcm.c speaks
 * (shared/reference/acting-as-client.md, "KCM"):
 * <pre>
 *   request: u32 length | u8 major (2) | u8 minor (0) | u16 opcode | arguments        (length counts from major)
 *   reply:   u32 length | u32 transport status | length bytes: u32 status | data
 * </pre>
 * all big-endian. MIT returns a non-zero transport status at once without reading further, then takes the first
 * word of the body as the operation's status. Cache names are what follows "KCM:" ({@code 0:bench}),
 * NUL-terminated. Replies are bounded by {@link #MAX_REPLY_BYTES}; nothing in them is trusted. The connection is
 * the caller's uid's, as the server sees it through SO_PEERCRED. Not thread-safe.
 */
public final class KcmConnection implements AutoCloseable {
    /** MIT's client refuses replies over 10 MiB (cc_kcm.c MAX_REPLY_SIZE); so does this. */
    public static final int MAX_REPLY_BYTES = 10 * 1024 * 1024;
    /** Opcodes (MIT's kcm.h; 13001 and 13002 are MIT's own extensions). */
    public static final int GEN_NEW = 3;
    public static final int INITIALIZE = 4;
    public static final int DESTROY = 5;
    public static final int STORE = 6;
    public static final int RETRIEVE = 7;
    public static final int GET_PRINCIPAL = 8;
    public static final int GET_CRED_UUID_LIST = 9;
    public static final int GET_CRED_BY_UUID = 10;
    public static final int REMOVE_CRED = 11;
    public static final int GET_CACHE_UUID_LIST = 18;
    public static final int GET_CACHE_BY_UUID = 19;
    public static final int GET_DEFAULT_CACHE = 20;
    public static final int SET_DEFAULT_CACHE = 21;
    public static final int GET_KDC_OFFSET = 22;
    public static final int SET_KDC_OFFSET = 23;
    public static final int GET_CRED_LIST = 13001;
    public static final int REPLACE = 13002;
    private static final int UUID_BYTES = 16;

    /** An operation that did not succeed, with its answer. */
    public static final class KcmFailure extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient KcmAnswer answer;

        KcmFailure(String operation, KcmAnswer answer) {
            super(operation + ": " + answer);
            this.answer = answer;
        }

        public KcmAnswer answer() {
            return answer;
        }
    }

    private final SocketChannel channel;
    private boolean closedByServer;

    private KcmConnection(SocketChannel channel) {
        this.channel = channel;
    }

    public static KcmConnection connect(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            return new KcmConnection(channel);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Sends one request (major 2, minor 0) and reads its answer.
     *
     * @throws IOException if the reply breaks the format (a length over the bound, a body shorter than its status
     *                     word, data after a transport failure) or the connection was already closed by the server
     */
    public KcmAnswer exchange(int opcode, byte[] arguments) throws IOException {
        if (opcode < 0 || opcode > 0xFFFF) {
            throw new IllegalArgumentException("opcode out of u16 range: " + opcode);
        }
        ByteBuffer request = ByteBuffer.allocate(8 + arguments.length);
        request.putInt(4 + arguments.length).put((byte) 2).put((byte) 0).putShort((short) opcode).put(arguments);
        return sendRaw(request.array());
    }

    /**
     * Sends {@code bytes} exactly as given (framing included, e.g. a lying length or a wrong major version) and
     * reads one answer.
     */
    public KcmAnswer sendRaw(byte[] bytes) throws IOException {
        if (closedByServer) {
            throw new IOException("the KCM server closed this connection earlier");
        }
        ByteBuffer out = ByteBuffer.wrap(bytes);
        try {
            while (out.hasRemaining()) {
                channel.write(out);
            }
        } catch (IOException e) {
            // EPIPE/ECONNRESET: the server hung up before or while we wrote.
            closedByServer = true;
            return new KcmAnswer.ConnectionClosed();
        }
        ByteBuffer head = ByteBuffer.allocate(8);
        if (!readFully(head)) {
            if (head.position() == 0) {
                closedByServer = true;
                return new KcmAnswer.ConnectionClosed();
            }
            throw new IOException("the KCM server closed the connection after " + head.position()
                    + " bytes of a reply header");
        }
        head.flip();
        int length = head.getInt();
        KcmStatus transport = new KcmStatus(head.getInt());
        if (!transport.isSuccess()) {
            if (length != 0) {
                throw new IOException("transport status " + transport + " followed by a length of "
                        + Integer.toUnsignedString(length) + ": MIT would read no data, so the stream is out of step");
            }
            return new KcmAnswer.TransportFailure(transport);
        }
        if (length < 4 || length > MAX_REPLY_BYTES) {
            throw new IOException("KCM reply length " + Integer.toUnsignedString(length) + " outside 4.."
                    + MAX_REPLY_BYTES + " (the body starts with a 4-byte status)");
        }
        ByteBuffer body = ByteBuffer.allocate(length);
        if (!readFully(body)) {
            throw new IOException("the KCM server closed the connection " + body.position() + " bytes into a "
                    + length + "-byte reply");
        }
        body.flip();
        KcmStatus status = new KcmStatus(body.getInt());
        byte[] data = new byte[body.remaining()];
        body.get(data);
        return new KcmAnswer.Reply(status, data);
    }

    /** False if the stream ended first. */
    private boolean readFully(ByteBuffer into) throws IOException {
        while (into.hasRemaining()) {
            int n;
            try {
                n = channel.read(into);
            } catch (IOException e) {
                n = -1; // ECONNRESET: as good as an end of stream here
            }
            if (n < 0) {
                closedByServer = true;
                return false;
            }
        }
        return true;
    }

    /** A cache name as the protocol carries it: UTF-8 and a NUL. */
    public static byte[] name(String residual) {
        if (residual.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a cache name cannot contain NUL");
        }
        byte[] utf8 = residual.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[utf8.length + 1];
        System.arraycopy(utf8, 0, out, 0, utf8.length);
        return out;
    }

    private KcmAnswer.Reply success(String operation, KcmAnswer answer) throws KcmFailure {
        if (answer instanceof KcmAnswer.Reply reply && reply.status().isSuccess()) {
            return reply;
        }
        throw new KcmFailure(operation, answer);
    }

    /** GET_DEFAULT_CACHE: the caller's default cache name (e.g. {@code "0"}). */
    public String defaultCache() throws IOException {
        KcmAnswer.Reply reply = success("GET_DEFAULT_CACHE", exchange(GET_DEFAULT_CACHE, new byte[0]));
        String name = reply.nameOrNull();
        if (name == null) {
            throw new IOException("GET_DEFAULT_CACHE data is not one NUL-terminated name: " + reply);
        }
        return name;
    }

    /** GET_CRED_UUID_LIST, then GET_CRED_BY_UUID for each: a cache's credentials as MIT before 1.20 reads them. */
    public List<byte[]> credentialsByUuid(String cache) throws IOException {
        byte[] nameBytes = name(cache);
        byte[] uuids = success("GET_CRED_UUID_LIST", exchange(GET_CRED_UUID_LIST, nameBytes)).data();
        if (uuids.length % UUID_BYTES != 0) {
            throw new IOException("GET_CRED_UUID_LIST data of " + uuids.length + " bytes is not whole UUIDs");
        }
        List<byte[]> credentials = new ArrayList<>(uuids.length / UUID_BYTES);
        byte[] args = new byte[nameBytes.length + UUID_BYTES];
        System.arraycopy(nameBytes, 0, args, 0, nameBytes.length);
        for (int at = 0; at < uuids.length; at += UUID_BYTES) {
            System.arraycopy(uuids, at, args, nameBytes.length, UUID_BYTES);
            credentials.add(success("GET_CRED_BY_UUID", exchange(GET_CRED_BY_UUID, args)).data());
        }
        return credentials;
    }

    /**
     * MIT's GET_CRED_LIST (13001): every credential in one reply, {@code u32 count} then {@code count x (u32 length,
     * credential)}. A server without it fails with a status that {@link KcmStatus#meansUnsupported()}.
     */
    public List<byte[]> credentialList(String cache) throws IOException {
        ByteBuffer data = ByteBuffer.wrap(success("GET_CRED_LIST", exchange(GET_CRED_LIST, name(cache))).data());
        if (data.remaining() < 4) {
            throw new IOException("GET_CRED_LIST data shorter than its count");
        }
        int count = data.getInt();
        // Each credential takes at least its 4-byte length: a count beyond that is a lie.
        if (count < 0 || count > data.remaining() / 4) {
            throw new IOException("GET_CRED_LIST count " + Integer.toUnsignedString(count) + " exceeds the reply");
        }
        List<byte[]> credentials = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (data.remaining() < 4) {
                throw new IOException("GET_CRED_LIST data ends before credential " + i);
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
