package org.openlsa.idmap;

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
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Unix user and group lookups through the C library's reentrant NSS calls ({@code getpwnam_r}, {@code getpwuid_r},
 * {@code getgrnam_r}, {@code getgrgid_r}), so they see what {@code id(1)} sees: /etc/passwd, LDAP, sssd, systemd's
 * dynamic users.
 *
 * <p>Ids are unsigned 32-bit ({@code uid_t}, {@code gid_t}) returned as {@code long}; {@code (uid_t) -1} is never
 * an id. A name made only of decimal digits that has no entry of its own stands for that number: the JDK (and
 * {@code ls}, {@code ps}) print a uid without a passwd entry as its number, so such a name must read back as it.
 *
 * <p>Supported on Linux LP64 (x86_64, aarch64; glibc or musl, whose {@code struct passwd} and {@code struct group}
 * agree). Elsewhere every method throws {@link UnsupportedOperationException}. Calls are thread-safe: each one works
 * in its own confined arena. Requires native access for this module, {@code org.openlsa.idmap} ({@code --enable-native-access}).
 */
@SuppressWarnings("restricted") // native access is this class's purpose; the module javadoc asks for the flag
public final class UnixAccounts {

    /** {@code (uid_t) -1}: "no id" in chown(2) and setreuid(2), never an account's id. */
    public static final long NO_ID = 0xFFFF_FFFFL;

    private static final int ERANGE = 34;
    private static final int EINTR = 4;
    private static final int ENOENT = 2;
    private static final int SC_GETGR_R_SIZE_MAX = 69;
    private static final int SC_GETPW_R_SIZE_MAX = 70;
    private static final long INITIAL_BUFFER_BYTES = 1024;
    /** Bound on the string buffer: a group with a very long member list needs more than 1 KiB, not more than this. */
    private static final long MAX_BUFFER_BYTES = 1L << 20;

    private static final AddressLayout C_STRING = ValueLayout.ADDRESS.withTargetLayout(
            MemoryLayout.sequenceLayout(Long.MAX_VALUE, ValueLayout.JAVA_BYTE));

    /** struct passwd (pwd.h): pw_name, pw_passwd, pw_uid, pw_gid, pw_gecos, pw_dir, pw_shell. */
    private static final StructLayout PASSWD = MemoryLayout.structLayout(
            C_STRING.withName("pw_name"),
            ValueLayout.ADDRESS.withName("pw_passwd"),
            ValueLayout.JAVA_INT.withName("pw_uid"),
            ValueLayout.JAVA_INT.withName("pw_gid"),
            ValueLayout.ADDRESS.withName("pw_gecos"),
            C_STRING.withName("pw_dir"),
            C_STRING.withName("pw_shell"));

    /** struct group (grp.h): gr_name, gr_passwd, gr_gid, gr_mem. */
    private static final StructLayout GROUP = MemoryLayout.structLayout(
            C_STRING.withName("gr_name"),
            ValueLayout.ADDRESS.withName("gr_passwd"),
            ValueLayout.JAVA_INT.withName("gr_gid"),
            MemoryLayout.paddingLayout(4),
            ValueLayout.ADDRESS.withName("gr_mem"));

    private static final VarHandle PW_NAME = field(PASSWD, "pw_name");
    private static final VarHandle PW_UID = field(PASSWD, "pw_uid");
    private static final VarHandle PW_GID = field(PASSWD, "pw_gid");
    private static final VarHandle PW_DIR = field(PASSWD, "pw_dir");
    private static final VarHandle PW_SHELL = field(PASSWD, "pw_shell");
    private static final VarHandle GR_NAME = field(GROUP, "gr_name");
    private static final VarHandle GR_GID = field(GROUP, "gr_gid");

    private UnixAccounts() {}

    /** The uid of the user {@code name}, or of the number {@code name} spells if no user has that name. */
    public static OptionalLong uidOf(String name) {
        Optional<Entry> e = lookUp(Native.GETPWNAM_R, PASSWD, name);
        return e.isPresent() ? OptionalLong.of(e.get().id()) : numeric(name);
    }

    /** The user name of {@code uid}; empty when the uid has no passwd entry. */
    public static Optional<String> nameOfUid(long uid) {
        return isId(uid) ? lookUp(Native.GETPWUID_R, PASSWD, uid).map(Entry::name) : Optional.empty();
    }

    /** The primary group (pw_gid) of {@code uid}; empty when the uid has no passwd entry. */
    public static OptionalLong primaryGidOf(long uid) {
        if (!isId(uid)) {
            return OptionalLong.empty();
        }
        Optional<Entry> e = lookUp(Native.GETPWUID_R, PASSWD, uid);
        return e.isPresent() ? OptionalLong.of(e.get().primaryGid()) : OptionalLong.empty();
    }

    /**
     * The passwd entry of {@code uid} (name, primary gid, home directory, login shell), what a login environment is
     * made from; empty when the uid has no entry.
     */
    public static Optional<PasswdEntry> passwdEntryOf(long uid) {
        return isId(uid) ? lookUp(Native.GETPWUID_R, PASSWD, uid).map(e -> e.passwd) : Optional.empty();
    }

    /** A user's passwd entry: {@code pw_name}, {@code pw_uid}, {@code pw_gid}, {@code pw_dir}, {@code pw_shell}. */
    public record PasswdEntry(String name, long uid, long gid, String home, String shell) {}

    /** The gid of the group {@code groupName}, or of the number it spells if no group has that name. */
    public static OptionalLong gidOf(String groupName) {
        Optional<Entry> e = lookUp(Native.GETGRNAM_R, GROUP, groupName);
        return e.isPresent() ? OptionalLong.of(e.get().id()) : numeric(groupName);
    }

    /** The group name of {@code gid}; empty when the gid has no group entry. */
    public static Optional<String> nameOfGid(long gid) {
        return isId(gid) ? lookUp(Native.GETGRGID_R, GROUP, gid).map(Entry::name) : Optional.empty();
    }

    /** Whether {@code name} is all ASCII digits (the form a uid or gid without an entry takes). */
    public static boolean isNumeric(String name) {
        return !name.isEmpty() && name.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static boolean isId(long id) {
        return id >= 0 && id < NO_ID;
    }

    private static OptionalLong numeric(String name) {
        // More than 10 digits cannot be a 32-bit id; the length check keeps parseLong from overflowing.
        if (!isNumeric(name) || name.length() > 10) {
            return OptionalLong.empty();
        }
        long id = Long.parseLong(name);
        return isId(id) ? OptionalLong.of(id) : OptionalLong.empty();
    }

    /** One passwd or group entry: its name, its id, and for a user the primary gid (-1 for a group) and the entry. */
    private record Entry(String name, long id, long primaryGid, PasswdEntry passwd) {}

    /**
     * Calls {@code int f(key, struct *result_buf, char *buf, size_t buflen, struct **result)}, growing buf on
     * ERANGE. The key is a name (String) or an id (Long). A return of 0 with *result NULL means "no such entry", and
     * so does ENOENT: glibc returns it when the last NSS module consulted is unavailable rather than sure, e.g. "sss"
     * in nsswitch.conf with no sssd running (installing Debian's sssd-kcm puts it there), after "files" said no.
     * Any other error (EIO, a failing NSS module) is reported as an unchecked exception, not as "unknown", so a
     * broken directory never turns a known account into a stranger.
     */
    private static Optional<Entry> lookUp(MethodHandle f, StructLayout layout, Object key) {
        Native.requireSupported();
        if (key instanceof String name && (name.isEmpty() || name.indexOf('\0') >= 0)) {
            return Optional.empty();
        }
        long bufferBytes = Math.max(INITIAL_BUFFER_BYTES,
                Math.min(MAX_BUFFER_BYTES, Native.sysconf(layout == PASSWD ? SC_GETPW_R_SIZE_MAX : SC_GETGR_R_SIZE_MAX)));
        int interrupted = 0;
        while (true) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment struct = arena.allocate(layout);
                MemorySegment buffer = arena.allocate(bufferBytes);
                MemorySegment result = arena.allocate(ValueLayout.ADDRESS);
                int rc;
                try {
                    rc = key instanceof String name
                            ? (int) f.invokeExact(arena.allocateFrom(name, StandardCharsets.UTF_8), struct, buffer, bufferBytes, result)
                            : (int) f.invokeExact((int) (long) (Long) key, struct, buffer, bufferBytes, result);
                } catch (Throwable t) {
                    throw new IllegalStateException("native account lookup failed", t);
                }
                if (rc == ERANGE && bufferBytes < MAX_BUFFER_BYTES) {
                    bufferBytes = Math.min(MAX_BUFFER_BYTES, bufferBytes * 2);
                    continue;
                }
                if (rc == EINTR && ++interrupted < 8) {
                    continue;
                }
                if (rc == ENOENT) {
                    return Optional.empty();
                }
                if (rc != 0) {
                    throw new IllegalStateException(String.format(Locale.ROOT,
                            "account lookup of %s failed with errno %d (buffer %d bytes, bound %d)",
                            key, rc, bufferBytes, MAX_BUFFER_BYTES));
                }
                if (result.get(ValueLayout.ADDRESS, 0).equals(MemorySegment.NULL)) {
                    return Optional.empty();
                }
                return Optional.of(layout == PASSWD
                        ? passwdEntry(struct)
                        : new Entry(string(GR_NAME, struct), unsigned(GR_GID, struct), -1, null));
            }
        }
    }

    private static Entry passwdEntry(MemorySegment struct) {
        PasswdEntry p = new PasswdEntry(string(PW_NAME, struct), unsigned(PW_UID, struct), unsigned(PW_GID, struct),
                string(PW_DIR, struct), string(PW_SHELL, struct));
        return new Entry(p.name(), p.uid(), p.gid(), p);
    }

    private static String string(VarHandle field, MemorySegment struct) {
        MemorySegment s = (MemorySegment) field.get(struct, 0L);
        // pw_dir and pw_shell may be NULL with some NSS modules; an empty string is what login(1) treats alike.
        return s.equals(MemorySegment.NULL) ? "" : s.getString(0, StandardCharsets.UTF_8);
    }

    private static long unsigned(VarHandle field, MemorySegment struct) {
        return Integer.toUnsignedLong((int) field.get(struct, 0L));
    }

    private static VarHandle field(StructLayout layout, String name) {
        return layout.varHandle(MemoryLayout.PathElement.groupElement(name));
    }

    /** The C library's functions, bound on first use so merely loading the class needs no native access. */
    private static final class Native {
        private static final boolean SUPPORTED = "Linux".equals(System.getProperty("os.name"))
                && ValueLayout.ADDRESS.byteSize() == 8;
        private static final MethodHandle GETPWNAM_R;
        private static final MethodHandle GETPWUID_R;
        private static final MethodHandle GETGRNAM_R;
        private static final MethodHandle GETGRGID_R;
        private static final MethodHandle SYSCONF;

        static {
            if (SUPPORTED) {
                Linker linker = Linker.nativeLinker();
                SymbolLookup libc = linker.defaultLookup();
                FunctionDescriptor byName = FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                        ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS);
                FunctionDescriptor byId = FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                        ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS);
                GETPWNAM_R = linker.downcallHandle(libc.findOrThrow("getpwnam_r"), byName);
                GETPWUID_R = linker.downcallHandle(libc.findOrThrow("getpwuid_r"), byId);
                GETGRNAM_R = linker.downcallHandle(libc.findOrThrow("getgrnam_r"), byName);
                GETGRGID_R = linker.downcallHandle(libc.findOrThrow("getgrgid_r"), byId);
                SYSCONF = linker.downcallHandle(libc.findOrThrow("sysconf"),
                        FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
            } else {
                GETPWNAM_R = GETPWUID_R = GETGRNAM_R = GETGRGID_R = SYSCONF = null;
            }
        }

        static void requireSupported() {
            if (!SUPPORTED) {
                throw new UnsupportedOperationException("Unix account lookups need Linux on a 64-bit CPU, not "
                        + System.getProperty("os.name") + "/" + System.getProperty("os.arch"));
            }
        }

        /** sysconf(name), or -1 when the limit is indeterminate (glibc may answer so for the *_R_SIZE_MAX names). */
        static long sysconf(int name) {
            try {
                return (long) SYSCONF.invokeExact(name);
            } catch (Throwable t) {
                throw new IllegalStateException("sysconf failed", t);
            }
        }
    }
}
