package org.openlsa.krb5.files.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;
import org.openlsa.krb5.files.Krb5FileFormatException;

/**
 * Reading and replacing files that hold keys. A write goes to a temporary file in the target's directory, created
 * with owner-only permissions (0600) where the file system has POSIX permissions, forced to disk, then renamed over
 * the target atomically: a reader sees the old file or the new one, never a partial one, and the keys are never in
 * a file others may read. A read refuses files larger than {@link #MAX_FILE_SIZE}.
 */
public final class PrivateFiles {
    private PrivateFiles() {}

    /** No real keytab or ccache comes near this; it bounds what a hostile file can make us allocate. */
    public static final int MAX_FILE_SIZE = 16 * 1024 * 1024;

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    public static byte[] read(Path path) throws IOException {
        try (SeekableByteChannel ch = Files.newByteChannel(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > MAX_FILE_SIZE) {
                throw new Krb5FileFormatException(path + " has " + size + " bytes, more than the " + MAX_FILE_SIZE
                        + " a keytab or credential cache may have");
            }
            ByteBuffer b = ByteBuffer.allocate((int) size);
            while (b.hasRemaining() && ch.read(b) >= 0) {
                // read until full or end of file
            }
            if (!b.hasRemaining()) {
                return b.array();
            }
            byte[] shorter = Arrays.copyOf(b.array(), b.position()); // the file shrank while we read it
            Arrays.fill(b.array(), (byte) 0);
            return shorter;
        }
    }

    /** Replaces {@code target} with {@code content} atomically, the new file readable by its owner only. */
    public static void writeAtomically(Path target, byte[] content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        boolean posix = Files.getFileStore(dir).supportsFileAttributeView("posix");
        FileAttribute<?>[] attributes = posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        Path tmp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp", attributes);
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer b = ByteBuffer.wrap(content);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace " + absolute + " atomically: " + e.getMessage(), e);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Decodes bytes that hold keys; one step of {@link #readSecret}. */
    @FunctionalInterface
    public interface Decoder<T> {
        T decode(byte[] bytes) throws Krb5FileFormatException;
    }

    /** Reads {@code path} and decodes it, zeroing the raw bytes (they hold keys) whatever happens. */
    public static <T> T readSecret(Path path, Decoder<T> decoder) throws IOException {
        byte[] bytes = read(path);
        try {
            return decoder.decode(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** {@link #writeAtomically}, then zeroes {@code content}, which holds keys. */
    public static void writeSecret(Path target, byte[] content) throws IOException {
        try {
            writeAtomically(target, content);
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }
}
