package org.openlsa.launch;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The C library calls the launcher makes through the FFM API (glibc on Linux, x86_64 and aarch64: {@code sigset_t}
 * is 128 bytes, {@code siginfo_t} 128). Calls that report through errno capture it ({@link Errno}); posix_spawn and
 * its helpers return their error number instead. The posix_spawn family is looked up lazily: a C library without
 * glibc's {@code _np} extensions leaves {@link #missingSpawnSymbols()} non-empty rather than failing class loading.
 */
final class Posix {
    static final int O_RDONLY = 0;
    static final int O_WRONLY = 1;
    static final int O_CREAT = 0100;
    static final int O_TRUNC = 01000;
    static final int O_APPEND = 02000;
    static final int O_CLOEXEC = 02000000;
    static final int F_DUPFD_CLOEXEC = 1030;
    static final int EINTR = 4;
    static final int ECHILD = 10;
    static final int ENOENT = 2;
    static final int EACCES = 13;
    static final int EBADF = 9;
    static final int P_PID = 1;
    static final int WEXITED = 4;
    static final int WNOWAIT = 0x01000000;
    /** glibc's spawn.h: POSIX_SPAWN_SETSIGDEF 0x04, SETSIGMASK 0x08, SETSID 0x80. */
    static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    static final short POSIX_SPAWN_SETSID = 0x80;
    /** Generous room for glibc's posix_spawn_file_actions_t (80 bytes) and posix_spawnattr_t (336). */
    static final long OPAQUE_BYTES = 512;
    static final long SIGSET_BYTES = 128;
    static final long SIGINFO_BYTES = 128;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final ValueLayout.OfInt I = ValueLayout.JAVA_INT;
    private static final AddressLayout P = ValueLayout.ADDRESS;
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle CAPTURED_ERRNO =
            CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private static final List<String> MISSING = new ArrayList<>();

    private static final MethodHandle CLOSE = errnoCall("close", FunctionDescriptor.of(I, I));
    private static final MethodHandle PIPE2 = errnoCall("pipe2", FunctionDescriptor.of(I, P, I));
    private static final MethodHandle FCNTL = errnoCall("fcntl", FunctionDescriptor.of(I, I, I, I),
            Linker.Option.firstVariadicArg(2));
    private static final MethodHandle KILL = errnoCall("kill", FunctionDescriptor.of(I, I, I));
    private static final MethodHandle WAITID = errnoCall("waitid", FunctionDescriptor.of(I, I, I, P, I));
    private static final MethodHandle WAITPID = errnoCall("waitpid", FunctionDescriptor.of(I, I, P, I));
    private static final MethodHandle STRERROR = call("strerror", FunctionDescriptor.of(P, I));

    private static final MethodHandle SPAWN = spawnCall("posix_spawn", FunctionDescriptor.of(I, P, P, P, P, P, P));
    private static final MethodHandle FA_INIT = spawnCall("posix_spawn_file_actions_init", FunctionDescriptor.of(I, P));
    private static final MethodHandle FA_DESTROY =
            spawnCall("posix_spawn_file_actions_destroy", FunctionDescriptor.of(I, P));
    private static final MethodHandle FA_DUP2 =
            spawnCall("posix_spawn_file_actions_adddup2", FunctionDescriptor.of(I, P, I, I));
    private static final MethodHandle FA_OPEN =
            spawnCall("posix_spawn_file_actions_addopen", FunctionDescriptor.of(I, P, I, P, I, I));
    private static final MethodHandle FA_CLOSEFROM =
            spawnCall("posix_spawn_file_actions_addclosefrom_np", FunctionDescriptor.of(I, P, I));
    private static final MethodHandle FA_CHDIR =
            spawnCall("posix_spawn_file_actions_addchdir_np", FunctionDescriptor.of(I, P, P));
    private static final MethodHandle ATTR_INIT = spawnCall("posix_spawnattr_init", FunctionDescriptor.of(I, P));
    private static final MethodHandle ATTR_DESTROY = spawnCall("posix_spawnattr_destroy", FunctionDescriptor.of(I, P));
    private static final MethodHandle ATTR_SETFLAGS = spawnCall("posix_spawnattr_setflags",
            FunctionDescriptor.of(I, P, ValueLayout.JAVA_SHORT));
    private static final MethodHandle ATTR_SETSIGMASK =
            spawnCall("posix_spawnattr_setsigmask", FunctionDescriptor.of(I, P, P));
    private static final MethodHandle ATTR_SETSIGDEFAULT =
            spawnCall("posix_spawnattr_setsigdefault", FunctionDescriptor.of(I, P, P));

    private Posix() {}

    /** A failed call that sets errno: the call's name and the error number. */
    static final class Errno extends Exception {
        private final int errno;

        Errno(String call, int errno) {
            super(call + ": " + strerror(errno) + " (errno " + errno + ")");
            this.errno = errno;
        }

        int errno() {
            return errno;
        }
    }

    private static MethodHandle call(String name, FunctionDescriptor d) {
        return LINKER.downcallHandle(LIBC.find(name).orElseThrow(
                () -> new UnsatisfiedLinkError("the C library has no " + name)), d);
    }

    private static MethodHandle errnoCall(String name, FunctionDescriptor d, Linker.Option... more) {
        Linker.Option[] options = new Linker.Option[more.length + 1];
        options[0] = ERRNO;
        System.arraycopy(more, 0, options, 1, more.length);
        return LINKER.downcallHandle(LIBC.find(name).orElseThrow(
                () -> new UnsatisfiedLinkError("the C library has no " + name)), d, options);
    }

    private static MethodHandle spawnCall(String name, FunctionDescriptor d) {
        Optional<MemorySegment> symbol = LIBC.find(name);
        if (symbol.isEmpty()) {
            MISSING.add(name);
            return null;
        }
        return LINKER.downcallHandle(symbol.get(), d);
    }

    /** The posix_spawn calls this C library lacks (glibc >= 2.34 has them all). */
    static List<String> missingSpawnSymbols() {
        return List.copyOf(MISSING);
    }

    static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) STRERROR.invokeExact(errno);
            return s.equals(MemorySegment.NULL) ? "error " + errno : s.reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "error " + errno;
        }
    }

    private static int errnoOf(MemorySegment capture) {
        return (int) CAPTURED_ERRNO.get(capture, 0L);
    }

    /** close(2), once: EINTR is not retried (Linux has released the descriptor already). */
    static void close(int fd) throws Errno {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment capture = a.allocate(CAPTURE);
            if ((int) CLOSE.invokeExact(capture, fd) < 0 && errnoOf(capture) != EINTR) {
                throw new Errno("close", errnoOf(capture));
            }
        } catch (Errno | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** close(2), ignoring failure: for descriptors this class made and is giving up on. */
    static void closeQuietly(int fd) {
        if (fd >= 0) {
            try {
                close(fd);
            } catch (Errno e) {
                // nothing to do: the descriptor is gone or was never ours
            }
        }
    }

    /** pipe2(O_CLOEXEC): {read end, write end}. */
    static int[] pipe() throws Errno {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment capture = a.allocate(CAPTURE);
            MemorySegment fds = a.allocate(I, 2);
            if ((int) PIPE2.invokeExact(capture, fds, O_CLOEXEC) < 0) {
                throw new Errno("pipe2", errnoOf(capture));
            }
            return new int[] {fds.getAtIndex(I, 0), fds.getAtIndex(I, 1)};
        } catch (Errno | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** fcntl(F_DUPFD_CLOEXEC, 3): a close-on-exec duplicate numbered 3 or above. */
    static int dupAbove2(int fd) throws Errno {
        return dupAtLeast(fd, 3);
    }

    /** fcntl(F_DUPFD_CLOEXEC, min): a close-on-exec duplicate numbered {@code min} or above. */
    static int dupAtLeast(int fd, int min) throws Errno {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment capture = a.allocate(CAPTURE);
            int copy = (int) FCNTL.invokeExact(capture, fd, F_DUPFD_CLOEXEC, min);
            if (copy < 0) {
                throw new Errno("fcntl(F_DUPFD_CLOEXEC)", errnoOf(capture));
            }
            return copy;
        } catch (Errno | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    static void kill(int pid, int signal) throws Errno {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment capture = a.allocate(CAPTURE);
            if ((int) KILL.invokeExact(capture, pid, signal) < 0) {
                throw new Errno("kill", errnoOf(capture));
            }
        } catch (Errno | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** waitid(P_PID, pid, WEXITED | WNOWAIT): blocks until the child has ended, leaving it a zombie. */
    static void awaitExitWithoutReaping(int pid, Arena a) throws Errno {
        MemorySegment capture = a.allocate(CAPTURE);
        MemorySegment info = a.allocate(SIGINFO_BYTES, 8);
        try {
            while ((int) WAITID.invokeExact(capture, P_PID, pid, info, WEXITED | WNOWAIT) < 0) {
                if (errnoOf(capture) != EINTR) {
                    throw new Errno("waitid", errnoOf(capture));
                }
            }
        } catch (Errno | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** waitpid(pid, &status, 0) of an ended child: its wait status. */
    static int reap(int pid, Arena a) throws Errno {
        MemorySegment capture = a.allocate(CAPTURE);
        MemorySegment status = a.allocate(I);
        try {
            while ((int) WAITPID.invokeExact(capture, pid, status, 0) < 0) {
                if (errnoOf(capture) != EINTR) {
                    throw new Errno("waitpid", errnoOf(capture));
                }
            }
            return status.get(I, 0);
        } catch (Errno | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** What the child's standard descriptor {@code target} becomes, as a posix_spawn file action. */
    sealed interface FileAction {
        int target();

        record Dup(int source, int target) implements FileAction {}

        record Open(String path, int flags, int mode, int target) implements FileAction {}
    }

    /**
     * posix_spawn of {@code path}: a new session (POSIX_SPAWN_SETSID), no blocked signal, every catchable signal at
     * its default action, the given actions on 0..2, every descriptor from 3 up closed, {@code directory} as the
     * working directory.
     *
     * @return the child's pid
     * @throws Errno with posix_spawn's (or a file action's) error number
     */
    static int spawn(String path, List<String> argv, List<String> envp, String directory, List<FileAction> actions)
            throws Errno {
        return spawn(path, argv, envp, directory, actions, 3);
    }

    /**
     * {@link #spawn(String, List, List, String, List)} closing from {@code closeFrom} up instead of 3: the PAM
     * session helper keeps its status and environment pipes on 3 and 4.
     */
    static int spawn(String path, List<String> argv, List<String> envp, String directory, List<FileAction> actions,
                     int closeFrom) throws Errno {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment fa = a.allocate(OPAQUE_BYTES, 16);
            MemorySegment attr = a.allocate(OPAQUE_BYTES, 16);
            check("posix_spawn_file_actions_init", (int) FA_INIT.invokeExact(fa));
            try {
                check("posix_spawnattr_init", (int) ATTR_INIT.invokeExact(attr));
                try {
                    for (FileAction action : actions) {
                        switch (action) {
                            case FileAction.Dup d -> check("posix_spawn_file_actions_adddup2",
                                    (int) FA_DUP2.invokeExact(fa, d.source(), d.target()));
                            case FileAction.Open o -> check("posix_spawn_file_actions_addopen",
                                    (int) FA_OPEN.invokeExact(fa, o.target(), a.allocateFrom(o.path()), o.flags(),
                                            o.mode()));
                        }
                    }
                    // After the dup2s: their sources (3 and up) must still be open when they run.
                    check("posix_spawn_file_actions_addclosefrom_np", (int) FA_CLOSEFROM.invokeExact(fa, closeFrom));
                    check("posix_spawn_file_actions_addchdir_np",
                            (int) FA_CHDIR.invokeExact(fa, a.allocateFrom(directory)));
                    check("posix_spawnattr_setflags", (int) ATTR_SETFLAGS.invokeExact(attr,
                            (short) (POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)));
                    MemorySegment none = a.allocate(SIGSET_BYTES, 8); // zeroed: the empty set
                    check("posix_spawnattr_setsigmask", (int) ATTR_SETSIGMASK.invokeExact(attr, none));
                    check("posix_spawnattr_setsigdefault",
                            (int) ATTR_SETSIGDEFAULT.invokeExact(attr, catchableSignals(a)));
                    MemorySegment pid = a.allocate(I);
                    check("posix_spawn", (int) SPAWN.invokeExact(pid, a.allocateFrom(path), fa, attr,
                            strings(a, argv), strings(a, envp)));
                    return pid.get(I, 0);
                } finally {
                    int ignored = (int) ATTR_DESTROY.invokeExact(attr);
                }
            } finally {
                int ignored = (int) FA_DESTROY.invokeExact(fa);
            }
        } catch (Errno | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** Signals 1..64 but SIGKILL (9) and SIGSTOP (19), whose actions cannot change: bit N-1 of sigset_t's words. */
    private static MemorySegment catchableSignals(Arena a) {
        MemorySegment set = a.allocate(SIGSET_BYTES, 8);
        set.set(ValueLayout.JAVA_LONG, 0, ~((1L << (9 - 1)) | (1L << (19 - 1))));
        return set;
    }

    /** A NULL-terminated char *[] of NUL-terminated UTF-8 strings. */
    private static MemorySegment strings(Arena a, List<String> values) {
        MemorySegment array = a.allocate(P, values.size() + 1L);
        for (int i = 0; i < values.size(); i++) {
            array.setAtIndex(P, i, a.allocateFrom(values.get(i)));
        }
        array.setAtIndex(P, values.size(), MemorySegment.NULL);
        return array;
    }

    private static void check(String call, int result) throws Errno {
        if (result != 0) {
            throw new Errno(call, result);
        }
    }
}
