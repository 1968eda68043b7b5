package org.openlsa.store.sqlite.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.spi.AccountStoreProvider;
import org.openlsa.store.sqlite.SqliteAccountStore;

/**
 * The SQLite store as a {@link AccountStoreProvider}: it handles {@code file:} URIs, each naming one database file
 * (docs/store-sqlite.md). Provided to {@link java.util.ServiceLoader} by this module's {@code provides} clause and,
 * for the class path, by {@code META-INF/services}.
 */
public final class SqliteStoreProvider implements AccountStoreProvider {
    /** The files SQLite keeps beside a database in WAL mode (and in rollback mode, its journal). */
    private static final String[] COMPANION_SUFFIXES = {"-wal", "-shm", "-journal"};

    public SqliteStoreProvider() {
        // ServiceLoader's constructor
    }

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public boolean handles(URI location) {
        return "file".equalsIgnoreCase(location.getScheme());
    }

    @Override
    public AccountStore open(URI location) throws LsaException {
        Path file = file(location);
        if (!Files.exists(file)) {
            // SqliteAccountStore.open would create it: opening is for a store that exists, creating is explicit.
            throw new LsaException(NtStatus.OBJECT_NAME_NOT_FOUND, "no account database " + file);
        }
        return SqliteAccountStore.open(file);
    }

    @Override
    public AccountStore create(URI location) throws LsaException {
        Path file = file(location);
        // Created exclusively (O_CREAT|O_EXCL), owner-only: of two creators racing on one directory exactly one gets
        // the file, and the other is refused before it opens, migrates or, on its own failure, deletes anything.
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            throw new LsaException(NtStatus.OBJECT_NAME_COLLISION, file + " already exists; refusing to overwrite it");
        } catch (IOException e) {
            throw new LsaException(NtStatus.INTERNAL_ERROR, "cannot create account database " + file + ": " + e, e);
        }
        try {
            return SqliteAccountStore.open(file);
        } catch (LsaException | RuntimeException e) {
            try {
                delete(location); // ours alone: this call created the file a moment ago
            } catch (LsaException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    @Override
    public void delete(URI location) throws LsaException {
        Path file = file(location);
        try {
            Files.deleteIfExists(file);
            for (String suffix : COMPANION_SUFFIXES) {
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
            }
        } catch (IOException e) {
            throw new LsaException(NtStatus.UNSUCCESSFUL, "cannot remove account database " + file + ": " + e, e);
        }
    }

    private Path file(URI location) {
        if (!handles(location)) {
            throw new IllegalArgumentException("not a SQLite database location: " + location);
        }
        return Path.of(location);
    }
}
