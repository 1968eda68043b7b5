package org.openlsa.cli;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.openlsa.core.LsaException;
import org.openlsa.engine.JsonLinesAuditLog;
import org.openlsa.store.sqlite.SqliteAccountStore;

/**
 * The state directory of one LSA: {@code sam.db} (the SQLite account database), {@code audit.jsonl} (the audit
 * log), optionally {@code kdc.properties} (docs/kdc.md) and, while a daemon runs, {@code lsad.sock} (and while the
 * KDC runs, {@code kdc.endpoint}). Chosen by {@code --state DIR} or the OPENLSA_STATE environment
 * variable. Created 0711: other users may reach the socket by its path but cannot list the directory, and every
 * file in it is the owner's alone (0600).
 */
record StateDirectory(Path path) {
    static final String DATABASE = "sam.db";
    static final String AUDIT_LOG = "audit.jsonl";

    static StateDirectory resolve(Path option) throws StateException {
        if (option != null) {
            return new StateDirectory(option.toAbsolutePath());
        }
        String env = System.getenv("OPENLSA_STATE");
        if (env != null && !env.isBlank()) {
            return new StateDirectory(Path.of(env).toAbsolutePath());
        }
        throw new StateException("no state directory: give --state DIR or set OPENLSA_STATE");
    }

    Path database() {
        return path.resolve(DATABASE);
    }

    Path auditLog() {
        return path.resolve(AUDIT_LOG);
    }

    boolean isInitialized() {
        return Files.exists(database());
    }

    /** Creates the directory (0700) for {@code lsa init}; refuses one that already holds a database. */
    void createForInit() throws StateException, IOException {
        if (isInitialized()) {
            throw new StateException(path + " already holds an OpenLSA database (" + DATABASE + "); refusing to overwrite it");
        }
        if (!Files.isDirectory(path)) {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x")));
            } else {
                Files.createDirectories(path);
            }
        }
    }

    /** Deletes the database and its WAL files (after a failed init). */
    void removeDatabase() throws IOException {
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            Files.deleteIfExists(path.resolve(DATABASE + suffix));
        }
    }

    SqliteAccountStore openStore() throws StateException, LsaException {
        if (!isInitialized()) {
            throw new StateException("no OpenLSA database in " + path + ": run 'lsa init --state " + path + "' first");
        }
        return SqliteAccountStore.open(database());
    }

    JsonLinesAuditLog openAuditLog() throws IOException {
        return JsonLinesAuditLog.open(auditLog());
    }
}
