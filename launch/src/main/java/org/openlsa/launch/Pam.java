package org.openlsa.launch;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Linux-PAM's application side through the FFM API (libpam.so.0): a handle for one service and user, account
 * management, and a session opened and closed around the program (docs/launch.md, "PAM session"). Used only by
 * {@link PamSessionMain}, the helper process that stays the program's parent, because session modules act on the
 * process that calls them (pam_limits sets that process's limits, pam_loginuid its loginuid, pam_keyinit its keyring)
 * and must never act on the daemon.
 *
 * <p>No module may ask anything: the conversation answers every prompt with PAM_CONV_ERR, since the user authenticated
 * to the LSA already and nobody is there to answer.
 */
final class Pam implements AutoCloseable {
    static final int PAM_SUCCESS = 0;
    static final int PAM_PERM_DENIED = 6;
    static final int PAM_AUTH_ERR = 7;
    static final int PAM_USER_UNKNOWN = 10;
    static final int PAM_NEW_AUTHTOK_REQD = 12;
    static final int PAM_ACCT_EXPIRED = 13;
    static final int PAM_CONV_ERR = 19;
    private static final int PAM_TTY = 3;
    private static final int PAM_RUSER = 8;
    private static final int PAM_SILENT = 0x8000;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBPAM;
    private static final MethodHandle START;
    private static final MethodHandle END;
    private static final MethodHandle SET_ITEM;
    private static final MethodHandle ACCT_MGMT;
    private static final MethodHandle OPEN_SESSION;
    private static final MethodHandle CLOSE_SESSION;
    private static final MethodHandle GETENVLIST;
    private static final MethodHandle STRERROR;
    private static final MethodHandle FREE;
    private static final MemorySegment CONVERSATION;

    static {
        Arena global = Arena.global();
        LIBPAM = SymbolLookup.libraryLookup("libpam.so.0", global);
        ValueLayout.OfInt i = ValueLayout.JAVA_INT;
        var p = ValueLayout.ADDRESS;
        START = down("pam_start", FunctionDescriptor.of(i, p, p, p, p));
        END = down("pam_end", FunctionDescriptor.of(i, p, i));
        SET_ITEM = down("pam_set_item", FunctionDescriptor.of(i, p, i, p));
        ACCT_MGMT = down("pam_acct_mgmt", FunctionDescriptor.of(i, p, i));
        OPEN_SESSION = down("pam_open_session", FunctionDescriptor.of(i, p, i));
        CLOSE_SESSION = down("pam_close_session", FunctionDescriptor.of(i, p, i));
        GETENVLIST = down("pam_getenvlist", FunctionDescriptor.of(p, p));
        STRERROR = down("pam_strerror", FunctionDescriptor.of(p, p, i));
        FREE = LINKER.downcallHandle(LINKER.defaultLookup().find("free").orElseThrow(),
                FunctionDescriptor.ofVoid(p));
        try {
            MethodHandle refuse = MethodHandles.lookup().findStatic(Pam.class, "refuse",
                    MethodType.methodType(int.class, int.class, MemorySegment.class, MemorySegment.class,
                            MemorySegment.class));
            MemorySegment stub = LINKER.upcallStub(refuse, FunctionDescriptor.of(i, i, p, p, p), global);
            // struct pam_conv { int (*conv)(...); void *appdata_ptr; }
            CONVERSATION = global.allocate(2 * p.byteSize(), p.byteAlignment());
            CONVERSATION.set(p, 0, stub);
            CONVERSATION.set(p, p.byteSize(), MemorySegment.NULL);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static MethodHandle down(String name, FunctionDescriptor d) {
        return LINKER.downcallHandle(LIBPAM.find(name).orElseThrow(
                () -> new UnsatisfiedLinkError("libpam.so.0 has no " + name)), d);
    }

    /** The conversation: nobody is there to answer, so every prompt fails (and *resp stays NULL). */
    @SuppressWarnings("unused") // called from C
    private static int refuse(int count, MemorySegment messages, MemorySegment responses, MemorySegment appdata) {
        return PAM_CONV_ERR;
    }

    /** A PAM call that failed: its PAM code and pam_strerror's text. */
    static final class PamException extends Exception {
        private final int code;

        PamException(String call, int code, String text) {
            super(call + ": " + text + " (PAM code " + code + ")");
            this.code = code;
        }

        int code() {
            return code;
        }
    }

    private final Arena arena = Arena.ofConfined();
    private final MemorySegment handle;
    private int lastResult = PAM_SUCCESS;
    private boolean sessionOpen;

    private Pam(MemorySegment handle) {
        this.handle = handle;
    }

    /** pam_start for {@code service} and {@code user}; with PAM_RUSER (who asked) and PAM_TTY when there is one. */
    static Pam start(String service, String user, String requestingUser, Optional<String> tty) throws PamException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ValueLayout.ADDRESS);
            int r = (int) START.invokeExact(a.allocateFrom(service), a.allocateFrom(user), CONVERSATION, out);
            MemorySegment h = out.get(ValueLayout.ADDRESS, 0);
            if (r != PAM_SUCCESS) {
                throw new PamException("pam_start(" + service + ")", r, "cannot start PAM");
            }
            Pam pam = new Pam(h);
            pam.setItem(PAM_RUSER, requestingUser);
            if (tty.isPresent()) {
                pam.setItem(PAM_TTY, tty.get());
            }
            return pam;
        } catch (PamException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("pam_start failed: " + t, t);
        }
    }

    private void setItem(int item, String value) throws PamException {
        check("pam_set_item", call(SET_ITEM, item, arena.allocateFrom(value)));
    }

    /** pam_acct_mgmt: is the account allowed in now (expiry, time rules, pam_access, ...)? */
    void accountManagement() throws PamException {
        check("pam_acct_mgmt", call(ACCT_MGMT, PAM_SILENT));
    }

    void openSession() throws PamException {
        check("pam_open_session", call(OPEN_SESSION, PAM_SILENT));
        sessionOpen = true;
    }

    /** The variables the modules set (pam_env), as NAME=VALUE strings. */
    List<String> environment() {
        List<String> env = new ArrayList<>();
        try {
            MemorySegment list = (MemorySegment) GETENVLIST.invokeExact(handle);
            if (list.equals(MemorySegment.NULL)) {
                return env;
            }
            MemorySegment array = list.reinterpret(Long.MAX_VALUE);
            for (long i = 0; ; i += ValueLayout.ADDRESS.byteSize()) {
                MemorySegment s = array.get(ValueLayout.ADDRESS, i);
                if (s.equals(MemorySegment.NULL)) {
                    break;
                }
                env.add(s.reinterpret(Long.MAX_VALUE).getString(0));
                FREE.invokeExact(s);
            }
            FREE.invokeExact(list);
            return env;
        } catch (Throwable t) {
            throw new IllegalStateException("pam_getenvlist failed: " + t, t);
        }
    }

    /** pam_close_session (if open) and pam_end; failures of the close are the modules' to log, not ours to raise. */
    @Override
    public void close() {
        try {
            if (sessionOpen) {
                lastResult = call(CLOSE_SESSION, PAM_SILENT);
                sessionOpen = false;
            }
            int r = (int) END.invokeExact(handle, lastResult);
        } catch (Throwable t) {
            throw new IllegalStateException("pam_end failed: " + t, t);
        } finally {
            arena.close();
        }
    }

    private int call(MethodHandle h, int flags) {
        try {
            return (int) h.invokeExact(handle, flags);
        } catch (Throwable t) {
            throw new IllegalStateException("PAM call failed: " + t, t);
        }
    }

    private int call(MethodHandle h, int item, MemorySegment value) {
        try {
            return (int) h.invokeExact(handle, item, value);
        } catch (Throwable t) {
            throw new IllegalStateException("PAM call failed: " + t, t);
        }
    }

    private void check(String what, int r) throws PamException {
        lastResult = r;
        if (r != PAM_SUCCESS) {
            throw new PamException(what, r, strerror(r));
        }
    }

    private String strerror(int r) {
        try {
            MemorySegment s = (MemorySegment) STRERROR.invokeExact(handle, r);
            return s.equals(MemorySegment.NULL) ? "error " + r : s.reinterpret(4096).getString(0);
        } catch (Throwable t) {
            return "error " + r;
        }
    }
}
