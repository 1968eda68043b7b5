package org.openlsa.launch;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/** C library calls the tests make to put the JVM in states the launcher must not pass on. */
final class TestLibc {
    static final int SIG_BLOCK = 0;
    static final int SIG_UNBLOCK = 1;
    static final int SIGUSR2 = 12;
    static final int SIGWINCH = 28;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final ValueLayout.OfInt I = ValueLayout.JAVA_INT;
    private static final ValueLayout P = ValueLayout.ADDRESS;
    private static final MethodHandle OPEN = LINKER.downcallHandle(find("open"), FunctionDescriptor.of(I, P, I, I),
            Linker.Option.firstVariadicArg(2));
    private static final MethodHandle PIPE2 = LINKER.downcallHandle(find("pipe2"), FunctionDescriptor.of(I, P, I));
    private static final MethodHandle SIGMASK = LINKER.downcallHandle(find("pthread_sigmask"),
            FunctionDescriptor.of(I, I, P, P));
    private static final MethodHandle SIGNAL = LINKER.downcallHandle(find("signal"), FunctionDescriptor.of(P, I, P));

    private TestLibc() {}

    private static MemorySegment find(String name) {
        return LINKER.defaultLookup().find(name).orElseThrow();
    }

    /** open(2) without O_CLOEXEC: a descriptor every exec would inherit unless someone closes it. */
    static int openInheritable(String path) throws Throwable {
        try (Arena a = Arena.ofConfined()) {
            int fd = (int) OPEN.invokeExact(a.allocateFrom(path), 0, 0);
            if (fd < 0) {
                throw new IllegalStateException("open " + path + " failed");
            }
            return fd;
        }
    }

    /** pipe2(O_CLOEXEC): {read end, write end}. */
    static int[] pipe() throws Throwable {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment fds = a.allocate(I, 2);
            if ((int) PIPE2.invokeExact(fds, Posix.O_CLOEXEC) != 0) {
                throw new IllegalStateException("pipe2 failed");
            }
            return new int[] {fds.getAtIndex(I, 0), fds.getAtIndex(I, 1)};
        }
    }

    /** pthread_sigmask(how, {signal}) on the calling thread. */
    static void sigmask(int how, int signal) throws Throwable {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment set = a.allocate(128, 8);
            set.set(ValueLayout.JAVA_LONG, 0, 1L << (signal - 1));
            if ((int) SIGMASK.invokeExact(how, set, MemorySegment.NULL) != 0) {
                throw new IllegalStateException("pthread_sigmask failed");
            }
        }
    }

    /** signal(2) with SIG_IGN (true) or SIG_DFL (false), process-wide. */
    static void ignore(int signal, boolean ignore) throws Throwable {
        MemorySegment previous = (MemorySegment) SIGNAL.invokeExact(signal, MemorySegment.ofAddress(ignore ? 1 : 0));
        if (previous.address() == -1) {
            throw new IllegalStateException("signal failed");
        }
    }
}
