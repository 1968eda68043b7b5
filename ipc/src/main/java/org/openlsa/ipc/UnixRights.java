package org.openlsa.ipc;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Method;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;

/**
 * Descriptor passing over the daemon's socket (docs/ipc.md, "Passing descriptors"): one data byte ({@link #MARKER})
 * carrying one SCM_RIGHTS control message, sent with sendmsg(2) and received with recvmsg(2) through the FFM API on
 * the channel's own descriptor. Linux x86_64 and aarch64 layouts ({@code struct msghdr} of 56 bytes, {@code struct
 * cmsghdr} of 16, CMSG_ALIGN to 8).
 *
 * <p>The JDK gives no public way to a {@link SocketChannel}'s descriptor: it is read through
 * {@code sun.nio.ch.SelChImpl#getFDVal()}, which needs {@code --add-exports java.base/sun.nio.ch=org.openlsa.ipc}
 * ({@code =ALL-UNNAMED} on the class path) besides {@code --enable-native-access}. Without them every call fails
 * with NOT_SUPPORTED naming the option.
 *
 * <p>The JDK keeps the channels of virtual threads non-blocking, so both directions use MSG_DONTWAIT and retry
 * EAGAIN with short sleeps (a carrier thread is never held in native code) until the timeout.
 */
public final class UnixRights {
    private UnixRights() {}

    /** The one data byte that carries the descriptors ('F'). */
    public static final byte MARKER = 0x46;
    /** The most descriptors one message may carry: the three standard streams. */
    public static final int MAX_DESCRIPTORS = 3;
    /** The JVM option without which the descriptor of a channel is out of reach. */
    public static final String REQUIRED_OPTION = "--add-exports java.base/sun.nio.ch=org.openlsa.ipc"
            + " (on the class path: =ALL-UNNAMED)";

    private static final int SOL_SOCKET = 1;
    private static final int SCM_RIGHTS = 1;
    private static final int MSG_CTRUNC = 0x8;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int MSG_CMSG_CLOEXEC = 0x40000000;
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    private static final long CMSG_HEADER = 16; // size_t cmsg_len, int cmsg_level, int cmsg_type
    /** Room for more descriptors than any sender may send, so that an oversized message is seen, not cut. */
    private static final int CONTROL_BYTES = 256;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MemoryLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle SENDMSG = downcall("sendmsg", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle RECVMSG = downcall("recvmsg", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle CLOSE = LINKER.downcallHandle(LINKER.defaultLookup().find("close").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    /** fcntl(fd, cmd, int), variadic: F_DUPFD_CLOEXEC and F_GETFD here. */
    private static final MethodHandle FCNTL = LINKER.downcallHandle(
            LINKER.defaultLookup().find("fcntl").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_INT), Linker.Option.firstVariadicArg(2));
    private static final int F_DUPFD_CLOEXEC = 1030;

    /**
     * A close-on-exec duplicate of the channel's socket, for the length of one call: the channel may be closed by
     * another thread meanwhile (the daemon's timeouts, its shutdown), and the kernel would then give its number to
     * the next descriptor opened, another client's connection perhaps; a duplicate keeps the socket itself.
     */
    private static int socketOf(SocketChannel channel) throws LsaException {
        int fd = fdOf(channel);
        int dup;
        try {
            dup = (int) FCNTL.invokeExact(fd, F_DUPFD_CLOEXEC, 0);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        if (dup < 0 || !channel.isOpen()) { // closed before the duplicate: the number may be another's already
            if (dup >= 0) {
                close(dup);
            }
            throw new LsaException(NtStatus.PORT_DISCONNECTED, "the connection was closed");
        }
        return dup;
    }

    private static final int F_GETFD = 1;

    /** Whether {@code fd} is an open descriptor of this process (fcntl F_GETFD succeeds). */
    public static boolean isOpen(int fd) {
        try {
            return (int) FCNTL.invokeExact(fd, F_GETFD, 0) >= 0;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    private static MethodHandle downcall(String name, FunctionDescriptor fd) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), fd,
                Linker.Option.captureCallState("errno"));
    }

    /** CMSG_ALIGN: to the size of size_t. */
    static long cmsgAlign(long n) {
        return (n + 7) & ~7L;
    }

    /** CMSG_SPACE(n): a header and n data bytes, aligned. */
    static long cmsgSpace(long n) {
        return CMSG_HEADER + cmsgAlign(n);
    }

    /** CMSG_LEN(n): what cmsg_len says for n data bytes. */
    static long cmsgLen(long n) {
        return CMSG_HEADER + n;
    }

    /**
     * The descriptor number of a JDK socket or pipe channel.
     *
     * @throws LsaException NOT_SUPPORTED without {@link #REQUIRED_OPTION}
     */
    public static int fdOf(java.nio.channels.Channel channel) throws LsaException {
        try {
            Class<?> selCh = Class.forName("sun.nio.ch.SelChImpl");
            Method m = selCh.getMethod("getFDVal");
            return (int) m.invoke(channel);
        } catch (ReflectiveOperationException | RuntimeException e) { // IllegalAccessException without the export
            throw notSupported();
        }
    }

    private static LsaException notSupported() {
        return new LsaException(NtStatus.NOT_SUPPORTED, "passing descriptors needs the JVM option " + REQUIRED_OPTION);
    }

    /**
     * Sends {@code fds} (1..3 of them; they stay the caller's) as one {@link #MARKER} byte with an SCM_RIGHTS
     * message, within {@code timeout}.
     *
     * @throws LsaException NOT_SUPPORTED without the JVM option; IO_TIMEOUT; PORT_DISCONNECTED when sendmsg fails
     */
    public static void send(SocketChannel channel, int[] fds, Duration timeout) throws LsaException {
        if (fds.length < 1 || fds.length > MAX_DESCRIPTORS) {
            throw new IllegalArgumentException("1.." + MAX_DESCRIPTORS + " descriptors, not " + fds.length);
        }
        send(channel, MARKER, fds, timeout);
    }

    /** {@link #send} without its checks: tests send what a hostile peer would. */
    static void send(SocketChannel channel, byte marker, int[] fds, Duration timeout) throws LsaException {
        int sock = socketOf(channel);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocate(1);
            data.set(ValueLayout.JAVA_BYTE, 0, marker);
            MemorySegment iov = arena.allocate(16, 8);
            iov.set(ValueLayout.ADDRESS, 0, data);
            iov.set(ValueLayout.JAVA_LONG, 8, 1);
            long space = cmsgSpace(4L * fds.length);
            MemorySegment control = arena.allocate(space, 8);
            control.set(ValueLayout.JAVA_LONG, 0, cmsgLen(4L * fds.length));
            control.set(ValueLayout.JAVA_INT, 8, SOL_SOCKET);
            control.set(ValueLayout.JAVA_INT, 12, SCM_RIGHTS);
            for (int i = 0; i < fds.length; i++) {
                control.set(ValueLayout.JAVA_INT, CMSG_HEADER + 4L * i, fds[i]);
            }
            MemorySegment msg = msghdr(arena, iov, control, space);
            MemorySegment state = arena.allocate(CALL_STATE);
            Backoff backoff = new Backoff(deadline);
            while (true) {
                long n = (long) SENDMSG.invokeExact(state, sock, msg, MSG_NOSIGNAL | MSG_DONTWAIT);
                if (n == 1) {
                    return;
                }
                int errno = n < 0 ? (int) ERRNO.get(state, 0L) : 0;
                if (errno == EINTR) {
                    continue;
                }
                if (errno != EAGAIN) {
                    throw new LsaException(NtStatus.PORT_DISCONNECTED, "sending the descriptors failed (errno "
                            + errno + ")");
                }
                if (!backoff.pause()) {
                    throw new LsaException(NtStatus.IO_TIMEOUT, "the daemon took no descriptors within " + timeout);
                }
            }
        } catch (LsaException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        } finally {
            close(sock);
        }
    }

    /**
     * Receives exactly {@code count} descriptors (1..3), announced by a request already read, within
     * {@code timeout}; they are close-on-exec and the caller's to close. Whatever else arrives is closed.
     *
     * @throws LsaException INVALID_PARAMETER (no byte in time, the peer closed, a data byte other than
     *     {@link #MARKER}, a truncated control message, another control message, a count other than
     *     {@code count}); NOT_SUPPORTED without the JVM option; UNSUCCESSFUL for another recvmsg failure
     */
    public static int[] receive(SocketChannel channel, int count, Duration timeout) throws LsaException {
        if (count < 1 || count > MAX_DESCRIPTORS) {
            throw new IllegalArgumentException("1.." + MAX_DESCRIPTORS + " descriptors, not " + count);
        }
        int sock = socketOf(channel);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocate(1);
            MemorySegment iov = arena.allocate(16, 8);
            iov.set(ValueLayout.ADDRESS, 0, data);
            iov.set(ValueLayout.JAVA_LONG, 8, 1);
            MemorySegment control = arena.allocate(CONTROL_BYTES, 8);
            MemorySegment msg = msghdr(arena, iov, control, CONTROL_BYTES);
            MemorySegment state = arena.allocate(CALL_STATE);
            Backoff backoff = new Backoff(deadline);
            long n;
            while (true) {
                n = (long) RECVMSG.invokeExact(state, sock, msg, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
                if (n >= 0) {
                    break;
                }
                int errno = (int) ERRNO.get(state, 0L);
                if (errno == EINTR) {
                    continue;
                }
                if (errno != EAGAIN) {
                    throw new LsaException(NtStatus.UNSUCCESSFUL, "receiving descriptors failed (errno " + errno + ")");
                }
                if (!backoff.pause()) {
                    throw new LsaException(NtStatus.INVALID_PARAMETER, "the request announced " + count
                            + " descriptors and none came within " + timeout);
                }
            }
            if (n == 0) {
                throw new LsaException(NtStatus.INVALID_PARAMETER, "the peer closed the connection instead of sending "
                        + count + " descriptors");
            }
            int flags = msg.get(ValueLayout.JAVA_INT, 48);
            long controlLen = msg.get(ValueLayout.JAVA_LONG, 40);
            List<Integer> got = new ArrayList<>();
            boolean foreign = false;
            long off = 0;
            // CMSG_FIRSTHDR / CMSG_NXTHDR: every whole header within msg_controllen.
            while (off + CMSG_HEADER <= controlLen) {
                long len = control.get(ValueLayout.JAVA_LONG, off);
                if (len < CMSG_HEADER || off + len > controlLen) {
                    break;
                }
                int level = control.get(ValueLayout.JAVA_INT, off + 8);
                int type = control.get(ValueLayout.JAVA_INT, off + 12);
                if (level == SOL_SOCKET && type == SCM_RIGHTS) {
                    for (long i = 0; i + 4 <= len - CMSG_HEADER; i += 4) {
                        got.add(control.get(ValueLayout.JAVA_INT, off + CMSG_HEADER + i));
                    }
                } else {
                    foreign = true;
                }
                off += cmsgAlign(len);
            }
            String refusal = null;
            if ((flags & MSG_CTRUNC) != 0) {
                refusal = "the descriptors' control message was truncated";
            } else if (foreign) {
                refusal = "a control message other than SCM_RIGHTS came with the descriptors";
            } else if (data.get(ValueLayout.JAVA_BYTE, 0) != MARKER) {
                refusal = "the byte carrying the descriptors is not the agreed one";
            } else if (got.size() != count) {
                refusal = "the request announced " + count + " descriptors, " + got.size() + " came";
            }
            if (refusal != null) {
                got.forEach(UnixRights::close);
                throw new LsaException(NtStatus.INVALID_PARAMETER, refusal);
            }
            return got.stream().mapToInt(Integer::intValue).toArray();
        } catch (LsaException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        } finally {
            close(sock);
        }
    }

    /** close(2), for a descriptor this process received and must not keep. */
    public static void close(int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    private static final MethodHandle GETSOCKOPT = downcall("getsockopt", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
            ValueLayout.ADDRESS));
    private static final int SO_PEERCRED = 17;

    /** What the kernel recorded of a socket's peer when it connected (SO_PEERCRED's {@code struct ucred}). */
    public record PeerCredentials(long pid, long uid, long gid) {}

    /**
     * The pid, uid and gid the kernel recorded for the peer of a connected Unix socket when it connected, in one
     * getsockopt(SO_PEERCRED) ({@code struct ucred}: three ints). The JDK's SO_PEERCRED option gives the uid and gid
     * only, as names it looked up; the KCM service needs the pid to tell which logon session a process belongs to,
     * and no name lookup on each connection.
     *
     * @throws LsaException PORT_DISCONNECTED when the channel is closed; NOT_SUPPORTED without the option
     *     {@link #REQUIRED_OPTION} names; ACCESS_DENIED when the kernel has no credentials for the peer
     */
    public static PeerCredentials peerCredentials(SocketChannel channel) throws LsaException {
        int fd = socketOf(channel);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ucred = arena.allocate(12, 4);
            MemorySegment len = arena.allocate(ValueLayout.JAVA_INT);
            len.set(ValueLayout.JAVA_INT, 0, 12);
            MemorySegment state = arena.allocate(CALL_STATE);
            int rc = (int) GETSOCKOPT.invokeExact(state, fd, SOL_SOCKET, SO_PEERCRED, ucred, len);
            if (rc != 0 || len.get(ValueLayout.JAVA_INT, 0) != 12) {
                throw new LsaException(NtStatus.ACCESS_DENIED, "the kernel has no credentials for the peer (errno "
                        + (int) ERRNO.get(state, 0L) + ")");
            }
            int pid = ucred.get(ValueLayout.JAVA_INT, 0);
            long uid = Integer.toUnsignedLong(ucred.get(ValueLayout.JAVA_INT, 4));
            long gid = Integer.toUnsignedLong(ucred.get(ValueLayout.JAVA_INT, 8));
            if (pid <= 0 || uid == 0xFFFF_FFFFL || gid == 0xFFFF_FFFFL) {
                throw new LsaException(NtStatus.ACCESS_DENIED, "the peer has no process id or ids in this namespace");
            }
            return new PeerCredentials(pid, uid, gid);
        } catch (LsaException e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        } finally {
            close(fd);
        }
    }

    /** struct msghdr: name 0, namelen 8, iov 16, iovlen 24, control 32, controllen 40, flags 48; 56 bytes. */
    private static MemorySegment msghdr(Arena arena, MemorySegment iov, MemorySegment control, long controlLen) {
        MemorySegment msg = arena.allocate(56, 8);
        msg.set(ValueLayout.ADDRESS, 16, iov);
        msg.set(ValueLayout.JAVA_LONG, 24, 1);
        msg.set(ValueLayout.ADDRESS, 32, control);
        msg.set(ValueLayout.JAVA_LONG, 40, controlLen);
        return msg;
    }

    /** Sleeps 1, 2, 4 ... 20 ms between tries; false once the deadline has passed. */
    private static final class Backoff {
        private final long deadline;
        private long millis = 1;

        Backoff(long deadline) {
            this.deadline = deadline;
        }

        boolean pause() throws LsaException {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LsaException(NtStatus.IO_TIMEOUT, "interrupted while passing descriptors");
            }
            millis = Math.min(20, millis * 2);
            return true;
        }
    }
}
