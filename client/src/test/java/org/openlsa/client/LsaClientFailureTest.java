package org.openlsa.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.ipc.Protocol;

/**
 * The client against servers that misbehave: none listening, one that never answers, one that hangs up mid-call, one
 * that speaks another version. Every case ends in a typed status within the timeout; no caller hangs.
 */
class LsaClientFailureTest {
    @TempDir
    Path dir;

    /** A fake daemon: accepts one client and runs {@code behaviour} with its streams. */
    private Thread fakeServer(Path socket, ThrowingBiConsumer behaviour, AtomicReference<Throwable> failure) throws Exception {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        return Thread.ofVirtual().start(() -> {
            try (server; SocketChannel ch = server.accept()) {
                behaviour.accept(Channels.newInputStream(ch), Channels.newOutputStream(ch));
            } catch (Throwable t) {
                failure.set(t);
            }
        });
    }

    interface ThrowingBiConsumer {
        void accept(InputStream in, OutputStream out) throws Exception;
    }

    private static void helloBack(InputStream in, OutputStream out, int major) throws Exception {
        in.readNBytes(8);
        out.write(new Protocol.ServerHello(major, 0, major == Protocol.VERSION_MAJOR ? NtStatus.SUCCESS
                : NtStatus.NOT_SUPPORTED, Protocol.DEFAULT_MAX_FRAME_BYTES).encode());
        out.flush();
    }

    @Test
    void noDaemonIsConnectionRefused() {
        LsaException e = assertThrows(LsaException.class,
                () -> LsaClient.of(dir.resolve("missing.sock")).connectUntrusted(null));
        assertEquals(NtStatus.PORT_CONNECTION_REFUSED, e.status());
    }

    @Test
    void aSilentDaemonTimesOut() throws Exception {
        Path socket = dir.resolve("silent.sock");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread server = fakeServer(socket, (in, out) -> {
            helloBack(in, out, Protocol.VERSION_MAJOR);
            in.readAllBytes(); // read requests, never answer, until the client gives up
        }, failure);
        long start = System.nanoTime();
        LsaException e = assertThrows(LsaException.class,
                () -> LsaClient.of(socket, Duration.ofMillis(500)).connectUntrusted(null));
        assertEquals(NtStatus.IO_TIMEOUT, e.status());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(20).toNanos(), "the caller was not left hanging");
        server.join(10_000);
    }

    @Test
    void aDaemonThatHangsUpIsPortDisconnected() throws Exception {
        Path socket = dir.resolve("hangup.sock");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread server = fakeServer(socket, (in, out) -> {
            helloBack(in, out, Protocol.VERSION_MAJOR);
            in.readNBytes(4); // the start of the first frame, then hang up
        }, failure);
        LsaException e = assertThrows(LsaException.class, () -> LsaClient.of(socket).connectUntrusted(null));
        assertEquals(NtStatus.PORT_DISCONNECTED, e.status());
        server.join(10_000);
    }

    @Test
    void anotherMajorVersionIsNotSupported() throws Exception {
        Path socket = dir.resolve("v2.sock");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread server = fakeServer(socket, (in, out) -> helloBack(in, out, 2), failure);
        LsaException e = assertThrows(LsaException.class, () -> LsaClient.of(socket).connectUntrusted(null));
        assertEquals(NtStatus.NOT_SUPPORTED, e.status());
        server.join(10_000);
    }
}
