package org.openlsa.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.idmap.UnixCredentials;

/**
 * Whether given credentials may reach and execute a program, or reach and enter a directory, decided in the JVM from
 * the mode bits and owners of every path component (docs/launch.md, "Before the start"), so that the launch needs no
 * probe process. Path resolution follows the kernel's: each directory on the way must be searchable (x) by the
 * identity, a symbolic link is followed from the directory it sits in (at most 40, as MAXSYMLINKS), {@code ..} is the
 * physical parent. The class of a file's bits is the kernel's: the owner's bits if the uid owns it, else the group's if
 * the gid or a supplementary gid is its group, else the others'. Uid 0 follows root's rules, because every check on
 * the way to the exec is made while the spawned setpriv still holds root's capabilities: every directory is
 * searchable and a file is executable if any x bit is set.
 *
 * <p>Not modelled (the kernel may still refuse what this allows): POSIX ACLs, LSMs (AppArmor, SELinux), noexec
 * mounts; such a refusal shows as setpriv's exit code 126 or 127, reported as the program's exit.
 */
final class AccessCheck {
    private static final int MAX_SYMLINKS = 40;

    private AccessCheck() {}

    /** The program must be a regular file the identity may reach and execute. */
    static void requireExecutable(UnixCredentials who, Path program) throws LsaException {
        Resolved r = resolve(who, program, "program");
        if (!r.attributes().isRegularFile() || !mayExecute(who, r.attributes())) {
            throw new LsaException(NtStatus.ACCESS_DENIED, program + " is not an executable file for uid " + who.uid());
        }
    }

    /** The working directory must be a directory the identity may reach and enter. */
    static void requireEnterable(UnixCredentials who, Path directory) throws LsaException {
        Resolved r = resolve(who, directory, "working directory");
        if (!r.attributes().isDirectory()) {
            throw new LsaException(NtStatus.OBJECT_NAME_NOT_FOUND, "the working directory " + directory
                    + " is not a directory");
        }
        if (!mayExecute(who, r.attributes())) {
            throw new LsaException(NtStatus.ACCESS_DENIED, "uid " + who.uid() + " may not enter " + directory);
        }
    }

    private record Resolved(Path path, Stat attributes) {}

    /** Walks {@code path} from / as the kernel's lookup does, checking search permission on every directory. */
    private static Resolved resolve(UnixCredentials who, Path path, String what) throws LsaException {
        Deque<String> todo = new ArrayDeque<>();
        push(todo, path);
        Path current = Path.of("/");
        Stat attributes = attributesOf(current, path, what);
        int links = 0;
        while (!todo.isEmpty()) {
            String name = todo.removeFirst();
            if (!attributes.isDirectory()) {
                throw new LsaException(NtStatus.OBJECT_NAME_NOT_FOUND, "no such " + what + ": " + path
                        + " (" + current + " is not a directory)");
            }
            if (!mayExecute(who, attributes)) {
                throw new LsaException(NtStatus.ACCESS_DENIED, path + " cannot be reached by uid " + who.uid()
                        + ": it may not search " + current);
            }
            if (name.equals(".")) {
                continue;
            }
            Path next = name.equals("..") ? (current.getParent() == null ? current : current.getParent())
                    : current.resolve(name);
            Stat a = attributesOf(next, path, what);
            if (a.isSymbolicLink()) {
                if (++links > MAX_SYMLINKS) {
                    throw new LsaException(NtStatus.OBJECT_NAME_NOT_FOUND, "no such " + what + ": " + path
                            + " (too many symbolic links)");
                }
                Path target;
                try {
                    target = Files.readSymbolicLink(next);
                } catch (IOException e) {
                    throw new LsaException(NtStatus.OBJECT_NAME_NOT_FOUND, "no such " + what + ": " + path, e);
                }
                push(todo, target);
                if (target.isAbsolute()) {
                    current = Path.of("/");
                    attributes = attributesOf(current, path, what);
                }
                continue; // relative: resolved from the link's own directory, which is current
            }
            current = next;
            attributes = a;
        }
        return new Resolved(current, attributes);
    }

    /** Puts {@code p}'s names in front of what is left to resolve, in order. */
    private static void push(Deque<String> todo, Path p) {
        for (int i = p.getNameCount() - 1; i >= 0; i--) {
            todo.addFirst(p.getName(i).toString());
        }
    }

    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;

    private static Stat attributesOf(Path p, Path asked, String what) throws LsaException {
        try {
            // The JDK's "unix" view is lstat(2) itself: numbers, not names that a passwd lookup would have to undo.
            Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid", LinkOption.NOFOLLOW_LINKS);
            return new Stat((Integer) a.get("mode"), Integer.toUnsignedLong((Integer) a.get("uid")),
                    Integer.toUnsignedLong((Integer) a.get("gid")));
        } catch (NoSuchFileException | NotDirectoryException e) {
            throw new LsaException(NtStatus.OBJECT_NAME_NOT_FOUND, "no such " + what + ": " + asked);
        } catch (IOException | UnsupportedOperationException e) {
            throw new LsaException(NtStatus.UNSUCCESSFUL, "cannot read the attributes of " + p + ": "
                    + e.getMessage(), e);
        }
    }

    /** stat(2)'s st_mode, st_uid and st_gid of one path component (not followed). */
    record Stat(int mode, long uid, long gid) {
        boolean isDirectory() {
            return (mode & S_IFMT) == S_IFDIR;
        }

        boolean isRegularFile() {
            return (mode & S_IFMT) == S_IFREG;
        }

        boolean isSymbolicLink() {
            return (mode & S_IFMT) == S_IFLNK;
        }
    }

    /**
     * The kernel's generic_permission for execute/search (x), without ACLs: the owner's bit if the uid owns the file,
     * else the group's if the gid or a supplementary gid is its group, else the others'. Uid 0: root's
     * CAP_DAC_READ_SEARCH / CAP_DAC_OVERRIDE (directories always searchable, a file executable if any x bit is set).
     */
    static boolean mayExecute(UnixCredentials who, Stat s) {
        if (who.uid() == 0) {
            return s.isDirectory() || (s.mode() & 0111) != 0;
        }
        if (s.uid() == who.uid()) {
            return (s.mode() & 0100) != 0;
        }
        if (s.gid() == who.gid() || who.supplementaryGids().contains(s.gid())) {
            return (s.mode() & 0010) != 0;
        }
        return (s.mode() & 0001) != 0;
    }
}
