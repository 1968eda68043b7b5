package org.openlsa.daemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.host.StateLayout;

/**
 * The guarantee that one daemon at a time serves a state directory: an exclusive lock on {@code <state>/lsad.lock}
 * (mode 0600), which holds the owning daemon's pid in decimal so a refused second daemon can name it. The embedded
 * KDC guards its own files the same way with {@code <state>/kdc.lock}.
 *
 * <p>The lock is a POSIX record lock (fcntl), so the kernel drops it when the holder exits, however it exits: a
 * lock file left behind by a crashed daemon is not stale, merely unlocked. The pid in the file is informational only.
 *
 * <p>POSIX locks belong to a process, and closing <em>any</em> descriptor of the file releases them (see
 * {@link FileLock}); so within one JVM a second acquire is refused from a table of held lock files before it opens
 * the file at all. Close the lock when the daemon stops (try-with-resources).
 */
public final class StateLock implements AutoCloseable {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    /** More than enough for a pid (Linux caps them at 2^22) and its newline. */
    private static final int MAX_PID_BYTES = 32;
    /** Lock files this JVM holds, by real path: the in-process half of the guard (see the class comment). */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path stateDir;
    private final Path lockFile;
    private final FileChannel channel;
    private final FileLock lock;

    private StateLock(Path stateDir, Path lockFile, FileChannel channel, FileLock lock) {
        this.stateDir = stateDir;
        this.lockFile = lockFile;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code stateDir}, which must exist, creating its lock file if needed, and records this
     * process's pid in it. Never waits.
     *
     * @throws LsaException OBJECT_NAME_COLLISION naming the holder's pid when another daemon (in this process or
     *                      another) holds the lock; OBJECT_NAME_NOT_FOUND when the directory does not exist;
     *                      UNSUCCESSFUL on an I/O error
     */
    public static StateLock acquire(Path stateDir) throws LsaException {
        return acquire(stateDir, StateLayout.DAEMON_LOCK, "daemon");
    }

    /**
     * Takes another lock of {@code stateDir}, in the same way as {@link #acquire(Path)}: {@code lockFileName} names
     * the file, {@code holder} what holds it in the refusal ("another OpenLSA {holder} (pid N) serves DIR"). The KDC
     * has its own ({@code kdc.lock}), so it can run beside a daemon that does not serve one, but never twice.
     */
    public static StateLock acquire(Path stateDir, String lockFileName, String holder) throws LsaException {
        if (lockFileName.isEmpty() || lockFileName.contains("/")) {
            throw new IllegalArgumentException("a lock file name is one path element, not '" + lockFileName + "'");
        }
        Path dir;
        try {
            dir = stateDir.toRealPath();
        } catch (IOException e) {
            throw new LsaException(NtStatus.OBJECT_NAME_NOT_FOUND, "state directory " + stateDir + " is not accessible: " + e, e);
        }
        if (!Files.isDirectory(dir)) {
            throw new LsaException(NtStatus.OBJECT_NAME_NOT_FOUND, "state directory " + stateDir + " is not a directory");
        }
        Path lockFile = dir.resolve(lockFileName);
        if (!HELD.add(lockFile)) {
            throw collision(holder, ProcessHandle.current().pid() + "", dir);
        }
        FileChannel channel = null;
        boolean acquired = false;
        try {
            // NOFOLLOW: the lock file is written to as the daemon's user, so a planted symlink must not redirect it.
            channel = FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // some other code in this JVM locked the file directly
            }
            if (lock == null) {
                throw collision(holder, readPid(channel), dir);
            }
            Files.setPosixFilePermissions(lockFile, OWNER_ONLY);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(false);
            StateLock held = new StateLock(dir, lockFile, channel, lock);
            acquired = true;
            return held;
        } catch (IOException e) {
            throw new LsaException(NtStatus.UNSUCCESSFUL, "cannot lock " + lockFile + ": " + e, e);
        } finally {
            if (!acquired) {
                // Whatever failed, the open of the file included: this JVM holds nothing, so a later acquire may try.
                HELD.remove(lockFile);
                if (channel != null) {
                    try {
                        channel.close();
                    } catch (IOException ignored) {
                        // the acquire already failed; its exception says why
                    }
                }
            }
        }
    }

    /** The state directory this lock guards (its real path). */
    public Path stateDir() {
        return stateDir;
    }

    /** The lock file. */
    public Path lockFile() {
        return lockFile;
    }

    /** Releases the lock; the file stays (deleting it would race a daemon that has just opened it). Idempotent. */
    @Override
    public synchronized void close() throws LsaException {
        if (!channel.isOpen()) {
            return;
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new LsaException(NtStatus.UNSUCCESSFUL, "cannot release " + lockFile + ": " + e, e);
        } finally {
            HELD.remove(lockFile);
        }
    }

    private static LsaException collision(String holder, String pid, Path dir) {
        return new LsaException(NtStatus.OBJECT_NAME_COLLISION, "another OpenLSA " + holder + " (pid " + pid
                + ") serves " + dir);
    }

    /**
     * Whether some process holds the lock {@code lockFileName} of {@code stateDir} right now: tells a live
     * process's files (such as {@code kdc.endpoint}) from those a crashed one left behind. Never takes the lock
     * for longer than the probe, and never probes a lock this JVM holds (closing the probe's descriptor would
     * release it, see the class comment).
     */
    public static boolean isHeld(Path stateDir, String lockFileName) {
        Path lockFile;
        try {
            lockFile = stateDir.toRealPath().resolve(lockFileName);
        } catch (IOException e) {
            return false;
        }
        if (HELD.contains(lockFile)) {
            return true;
        }
        if (!Files.isRegularFile(lockFile, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            FileLock probe = channel.tryLock(0, Long.MAX_VALUE, true);
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // other code in this JVM locked it directly
        } catch (IOException e) {
            return false;
        }
    }

    /** The holder's pid as written in the file, or "unknown" (it may be between locking and writing). */
    private static String readPid(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_PID_BYTES);
        channel.read(buffer, 0);
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
        return text.matches("[0-9]{1,10}") ? text : "unknown";
    }

    @Override
    public String toString() {
        return "StateLock[" + lockFile + (channel.isOpen() ? ", held]" : ", released]");
    }
}
