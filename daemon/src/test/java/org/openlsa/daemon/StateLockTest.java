package org.openlsa.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;

class StateLockTest {

    private static final long PID = ProcessHandle.current().pid();

    @Test
    void writesThePidWithOwnerOnlyMode(@TempDir Path dir) throws Exception {
        try (StateLock lock = StateLock.acquire(dir)) {
            assertEquals(dir.toRealPath().resolve("lsad.lock"), lock.lockFile());
            assertEquals(PID + "", Files.readString(lock.lockFile()).strip());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(lock.lockFile())));
        }
    }

    @Test
    void aSecondAcquireInThisProcessIsRefusedAndKeepsTheFirst(@TempDir Path dir) throws Exception {
        try (StateLock first = StateLock.acquire(dir)) {
            LsaException e = assertThrows(LsaException.class, () -> StateLock.acquire(dir));
            assertEquals(NtStatus.OBJECT_NAME_COLLISION, e.status());
            assertEquals("another OpenLSA daemon (pid " + PID + ") serves " + first.stateDir(), e.getMessage());
            // The refused attempt must not have released the first lock (closing a descriptor drops POSIX locks).
            Process child = child("try", dir);
            String line = firstLine(child);
            assertEquals("REFUSED another OpenLSA daemon (pid " + PID + ") serves " + dir.toRealPath(), line);
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            assertEquals(3, child.exitValue());
        }
        StateLock.acquire(dir).close(); // released on close
    }

    @Test
    void anotherProcessHoldingTheLockRefusesUsUntilItDies(@TempDir Path dir) throws Exception {
        Process holder = child("hold", dir);
        try {
            assertEquals("READY", firstLine(holder));
            LsaException e = assertThrows(LsaException.class, () -> StateLock.acquire(dir));
            assertEquals(NtStatus.OBJECT_NAME_COLLISION, e.status());
            assertEquals("another OpenLSA daemon (pid " + holder.pid() + ") serves " + dir.toRealPath(), e.getMessage());
        } finally {
            holder.destroyForcibly();
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        }
        // SIGKILL, no cleanup: the kernel dropped the lock with the process; the stale pid is simply overwritten.
        try (StateLock lock = StateLock.acquire(dir)) {
            assertEquals(PID + "", Files.readString(lock.lockFile()).strip());
        }
    }

    @Test
    void aMissingDirectoryIsNotFound(@TempDir Path dir) {
        LsaException e = assertThrows(LsaException.class, () -> StateLock.acquire(dir.resolve("absent")));
        assertEquals(NtStatus.OBJECT_NAME_NOT_FOUND, e.status());
    }

    @Test
    void aLockFileThatCannotBeOpenedFailsThatAcquireOnly(@TempDir Path dir) throws Exception {
        // lsad.lock is something the daemon cannot open as a file (here a directory; a planted symlink or another
        // user's file fails the same way): that acquire fails, and once it is put right this process can lock,
        // rather than being told forever that it serves the directory itself.
        Path lockFile = Files.createDirectory(dir.resolve("lsad.lock"));
        LsaException e = assertThrows(LsaException.class, () -> StateLock.acquire(dir));
        assertEquals(NtStatus.UNSUCCESSFUL, e.status(), e.getMessage());
        assertFalse(StateLock.isHeld(dir, "lsad.lock"), "nothing holds the lock after a failed acquire");
        Files.delete(lockFile);
        StateLock.acquire(dir).close();
    }

    @Test
    void closeIsIdempotent(@TempDir Path dir) throws Exception {
        StateLock lock = StateLock.acquire(dir);
        lock.close();
        lock.close();
        StateLock.acquire(dir).close();
    }

    /** A JVM running {@link StateLockChild} on this test's class path. */
    private static Process child(String mode, Path dir) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        return new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                StateLockChild.class.getName(), mode, dir.toString()))
                .redirectErrorStream(true).start();
    }

    private static String firstLine(Process p) throws Exception {
        BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = reader.readLine();
        assertTrue(line != null, "the child JVM printed nothing (exit " + (p.isAlive() ? "pending" : p.exitValue()) + ")");
        return line;
    }
}
