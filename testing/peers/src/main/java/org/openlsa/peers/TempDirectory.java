package org.openlsa.peers;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/** The private directories the Kerberos peers keep their configuration, databases, caches and keytabs in. */
final class TempDirectory {
    private TempDirectory() {
    }

    /** A new directory only its owner can enter: it holds keytabs, ccaches and a KDC database. */
    static Path create(String prefix) throws PeerException {
        try {
            return Files.createTempDirectory(prefix,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new PeerException("cannot create a temporary directory: " + e.getMessage(), e);
        }
    }

    /**
     * A new private directory holding {@code resource} (a file of {@code owner}'s package, read without the package
     * being opened) under its own name: how a Python peer's script becomes a file Python can run.
     */
    static Path withResource(String prefix, Class<?> owner, String resource) throws PeerException {
        Path directory = create(prefix);
        try (java.io.InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new PeerException("resource " + resource + " missing from the peers module");
            }
            java.nio.file.Files.write(directory.resolve(resource), in.readAllBytes());
            return directory;
        } catch (java.io.IOException | PeerException e) {
            deleteTree(directory);
            throw e instanceof PeerException pe ? pe
                    : new PeerException("cannot extract " + resource + ": " + e.getMessage(), e);
        }
    }

    static void write(Path file, String text) throws PeerException {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new PeerException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Deletes {@code root} and everything under it; a leftover is reported on stderr, never thrown. */
    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e.getMessage());
        }
    }

    /** The last {@code maxChars} characters of a log file, for error messages. */
    static String tail(Path file, int maxChars) {
        try {
            String text = Files.readString(file).strip();
            return text.length() > maxChars ? text.substring(text.length() - maxChars) : text;
        } catch (IOException e) {
            return "(no " + file.getFileName() + ": " + e.getMessage() + ")";
        }
    }
}
