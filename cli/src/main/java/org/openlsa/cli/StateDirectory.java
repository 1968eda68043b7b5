package org.openlsa.cli;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.OptionalLong;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
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

    /**
     * This directory, when it holds a database this process may open: else a StateException saying which of "no
     * such directory", "not initialized" or "not yours" it is (exit 6), never a database error further on.
     */
    StateDirectory requireInitialized() throws StateException {
        if (!Files.isDirectory(path)) {
            throw new StateException("no state directory " + path + ": run 'lsa init --state " + path + "' first");
        }
        if (!Files.isExecutable(path)) { // sam.db cannot even be looked up: do not call the directory uninitialized
            throw new StateException("permission denied: " + path + " belongs to " + ownerOf(path)
                    + "; run lsa as that user (administration and serving need the owner of the state directory)");
        }
        if (!isInitialized()) {
            throw new StateException("no OpenLSA database in " + path + ": run 'lsa init --state " + path + "' first");
        }
        // SQLite needs to read and write the file (and create its -wal/-shm beside it), even to read.
        if (!Files.isReadable(database()) || !Files.isWritable(database())) {
            throw new StateException("permission denied: " + database() + " belongs to " + ownerOf(database())
                    + "; run lsa as that user (administration and serving need the owner of the state directory)");
        }
        return this;
    }

    /**
     * Refuses to serve a directory owned by another uid than this process's: files the daemon creates (lsad.lock,
     * kdc.lock, audit.jsonl, the socket, the database's -wal and -shm) would be that other uid's, 0600, and the
     * owner's next {@code lsa serve} could not open them. Root included: it serves the directories it owns.
     */
    void requireOwnedBy(OptionalLong uid) throws StateException {
        OptionalLong owner = ownerUid(path);
        if (uid.isEmpty() || owner.isEmpty() || owner.getAsLong() == uid.getAsLong()) {
            return; // not a POSIX file system: nothing to compare
        }
        throw new StateException(path + " belongs to " + ownerOf(path) + ", not to uid " + uid.getAsLong()
                + " running this; serving it as another user would leave files its owner cannot open: run 'lsa serve'"
                + " as " + ownerName(path) + (uid.getAsLong() == 0 ? " (e.g. runuser -u " + ownerName(path)
                + " -- lsa serve ...)" : ""));
    }

    /**
     * Refuses a state directory another local user could tamper with before it is initialized or served: the directory,
     * or any entry in it, owned by another uid than this process's or writable by group or others (a local user
     * could swap sam.db for a database of their making, whose Administrator password they know, before root serves
     * it), or a parent writable by group or others without the sticky bit (they could rename the whole directory
     * away and put their own in its place). A sticky world-writable parent such as /tmp is accepted: there only the
     * directory's owner may rename or remove it. Symbolic links are judged as links, not followed.
     */
    void requireSafe() throws StateException {
        OptionalLong me = processUid();
        if (me.isEmpty()) {
            return; // not POSIX
        }
        Path parent = path.getParent();
        if (parent != null && Files.isDirectory(parent)) {
            int mode = mode(parent);
            if ((mode & 0022) != 0 && (mode & 01000) == 0) {
                throw new StateException("unsafe state directory: its parent " + parent + " is writable by "
                        + (((mode & 0002) != 0) ? "others" : "its group") + " without the sticky bit, so another user"
                        + " could replace " + path + "; use a directory under a parent only its owner can write");
            }
        }
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return; // init creates it, 0711
        }
        requireSafe(path, me.getAsLong());
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            return; // not a directory: init and serve say so themselves
        }
        try (java.util.stream.Stream<Path> entries = Files.list(path)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                requireSafe(p, me.getAsLong());
            }
        } catch (IOException e) {
            throw new StateException("cannot list the state directory " + path + ": " + e.getMessage(), e);
        }
    }

    private static void requireSafe(Path p, long me) throws StateException {
        OptionalLong owner = ownerUid(p);
        if (owner.isPresent() && owner.getAsLong() != me) {
            throw new StateException("unsafe state directory: " + p + " belongs to " + ownerOf(p) + ", not to uid " + me
                    + " running this; every file of a state directory must be its owner's");
        }
        int mode = mode(p);
        boolean socket = (mode & 0170000) == 0140000; // lsad.sock: its write permission is who may connect
        if (!Files.isSymbolicLink(p) && !socket && (mode & 0022) != 0) {
            throw new StateException("unsafe state directory: " + p + " is writable by "
                    + (((mode & 0002) != 0) ? "others" : "its group") + " (mode "
                    + Integer.toOctalString(mode & 07777) + "); make it writable by its owner only (chmod go-w)");
        }
    }

    private static int mode(Path p) {
        try {
            return ((Number) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS)).intValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return 0;
        }
    }

    /** The uid of this process (getuid(2); the JVM is never set-uid, so it is also the effective uid). */
    static OptionalLong processUid() {
        try {
            return OptionalLong.of(new com.sun.security.auth.module.UnixSystem().getUid());
        } catch (UnsupportedOperationException | LinkageError e) {
            return OptionalLong.empty(); // not Unix
        }
    }

    private static OptionalLong ownerUid(Path p) {
        try {
            return OptionalLong.of(((Number) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue());
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return OptionalLong.empty();
        }
    }

    private static String ownerName(Path p) {
        try {
            return Files.getOwner(p).getName();
        } catch (IOException | UnsupportedOperationException e) {
            return "its owner";
        }
    }

    /** "alice (uid 1000)", as far as it can be told. */
    private static String ownerOf(Path p) {
        OptionalLong uid = ownerUid(p);
        return ownerName(p) + (uid.isPresent() ? " (uid " + uid.getAsLong() + ")" : "");
    }

    /** For {@code lsa init}: a directory that holds no database yet (or does not exist). */
    void requireUninitialized() throws StateException {
        if (isInitialized()) {
            throw new StateException(path + " already holds an OpenLSA database (" + DATABASE + "); refusing to overwrite it");
        }
    }

    /** Creates the directory (0700) for {@code lsa init}; refuses one that already holds a database. */
    void createForInit() throws StateException, IOException {
        requireUninitialized();
        requireSafe();
        try {
            if (!Files.isDirectory(path)) {
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    Files.createDirectories(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x")));
                } else {
                    Files.createDirectories(path);
                }
            }
        } catch (java.nio.file.FileSystemException e) {
            // Where the user may not create it (or a file is in the way): a state directory problem, not a bug.
            String reason = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
            throw new StateException("cannot create the state directory " + path + ": " + reason
                    + (e.getFile() != null && !e.getFile().equals(path.toString()) ? " (" + e.getFile() + ")" : ""), e);
        }
        if (!Files.isWritable(path)) {
            throw new StateException("permission denied: " + path + " belongs to " + ownerOf(path)
                    + "; initialize a directory of your own, or run lsa as that user");
        }
    }

    /** Deletes the database and its WAL files (after a failed init). */
    void removeDatabase() throws IOException {
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            Files.deleteIfExists(path.resolve(DATABASE + suffix));
        }
    }

    /**
     * The account database, open. Whatever keeps it from opening is a state directory problem (exit 6): missing,
     * not this user's, not a database (damaged, or some other file), of a newer schema, or without a domain (an
     * init that never finished).
     */
    SqliteAccountStore openStore() throws StateException {
        requireInitialized();
        SqliteAccountStore store;
        try {
            store = SqliteAccountStore.open(database());
        } catch (LsaException e) {
            throw new StateException("cannot use " + database() + ": " + e.getMessage(), e);
        }
        try {
            store.domain();
            return store;
        } catch (LsaException e) {
            store.close();
            throw new StateException(database() + " holds no usable account domain ("
                    + (e.status().equals(NtStatus.NO_SUCH_DOMAIN) ? "an 'lsa init' that did not finish?" : e.getMessage())
                    + "); move it away and run 'lsa init --state " + path + "'", e);
        }
    }

    JsonLinesAuditLog openAuditLog() throws IOException {
        return JsonLinesAuditLog.open(auditLog());
    }
}
