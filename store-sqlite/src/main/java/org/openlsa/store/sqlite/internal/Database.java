package org.openlsa.store.sqlite.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.PreparedStatement;
import java.util.concurrent.locks.ReentrantLock;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * One SQLite connection shared by every thread, guarded by a {@link ReentrantLock} held for a whole transaction.
 *
 * <p>The outermost {@link #write} runs in {@code BEGIN IMMEDIATE ... COMMIT}: the write lock of the file is taken
 * up front, so a read-modify-write inside it is exact even against another process. A nested call runs in a
 * SAVEPOINT, so a nested call that fails is undone on its own while the enclosing transaction goes on; any failure
 * of the outermost call rolls everything back. After {@link #close} every call fails with INVALID_HANDLE.
 */
public final class Database implements AutoCloseable {
    /** How long a writer waits for another process's lock before failing with SQLITE_BUSY. */
    static final int BUSY_TIMEOUT_MILLIS = 10_000;

    private final Path file;
    private final ReentrantLock lock = new ReentrantLock();
    private Connection connection; // null once closed; guarded by lock
    private StatementCache statements; // over connection; guarded by lock
    private int depth; // open transaction levels of the lock's owner
    private final ReadMemo memo = new ReadMemo(); // guarded by lock

    /**
     * The read scope of the current thread ({@link #readScope}): which database it is for and the memo generation it
     * last validated. Mutable, but only its own thread sees it, and only under the lock.
     */
    private static final class ReadScope {
        final Database owner;
        long validatedGeneration = -1;

        ReadScope(Database owner) {
            this.owner = owner;
        }
    }

    private static final ScopedValue<ReadScope> READ_SCOPE = ScopedValue.newInstance();

    private Database(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
        this.statements = new StatementCache(connection);
    }

    /**
     * Opens (creating if missing) the database file with the store's pragmas: WAL journal; synchronous=FULL so a
     * commit is on disk before it returns (WAL with NORMAL would survive a crash of the process but may lose the
     * last commits on power loss); foreign keys on; a busy timeout for other processes' locks; secure_delete, so
     * a replaced or deleted NT hash is overwritten with zeros in the file instead of lingering in a free page.
     */
    public static Database open(Path file) throws LsaException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file);
        Connection c = null;
        try {
            c = source.getConnection();
            String mode = Pragmas.text(c, "journal_mode");
            if (!"wal".equalsIgnoreCase(mode)) {
                // e.g. a file system without shared memory: refuse rather than run without the durability we promise
                throw new LsaException(NtStatus.NOT_SUPPORTED, "account database " + file
                        + " cannot use the WAL journal (SQLite kept journal_mode=" + mode + ")");
            }
            return new Database(file, c);
        } catch (SQLException e) {
            closeQuietly(c);
            throw new LsaException(NtStatus.INTERNAL_ERROR, "cannot open account database " + file + ": "
                    + e.getMessage(), e);
        } catch (LsaException | RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    /** Runs {@code work} in a write transaction (outermost) or a savepoint (nested); all of it or nothing. */
    public <T> T write(String operation, SqlWork<T> work) throws LsaException {
        lock.lock();
        try {
            Connection c = requireOpen();
            // This connection's own commits do not move data_version: forget what was read before any write.
            memo.clear();
            boolean outermost = depth == 0;
            String savepoint = "openlsa_sp" + depth;
            execute(c, outermost ? "BEGIN IMMEDIATE" : "SAVEPOINT " + savepoint, operation);
            return runAndEnd(c, operation, work, outermost ? "COMMIT" : "RELEASE " + savepoint,
                    outermost ? new String[] {"ROLLBACK"} : new String[] {"ROLLBACK TO " + savepoint, "RELEASE " + savepoint});
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code work} in a read transaction, or inside the caller's transaction when there is one. */
    public <T> T read(String operation, SqlWork<T> work) throws LsaException {
        lock.lock();
        try {
            Connection c = requireOpen();
            if (depth > 0) {
                try {
                    return work.run(c);
                } catch (SQLException e) {
                    throw storageFailure(operation, e);
                }
            }
            // A deferred transaction gives multi-statement reads one snapshot even while other processes write.
            execute(c, "BEGIN", operation);
            return runAndEnd(c, operation, work, "COMMIT", new String[] {"ROLLBACK"});
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code work} as one read scope of this thread (AccountStore#readScope): its memoized reads ask SQLite's
     * data_version once, and again only if the memo was cleared since (a write through this connection, or another
     * thread that found the data changed). A logon makes a dozen memoized reads; each check is a statement step.
     * Another process's commit made during the scope is seen by the first read after it. Nested scopes join.
     */
    public <T> T readScope(ScopedValue.CallableOp<T, LsaException> work) throws LsaException {
        if (currentScope() != null) {
            return work.call();
        }
        return ScopedValue.where(READ_SCOPE, new ReadScope(this)).call(work);
    }

    /** This thread's read scope on this database, or null (none, or one on another database). */
    private ReadScope currentScope() {
        ReadScope scope = READ_SCOPE.isBound() ? READ_SCOPE.get() : null;
        return scope != null && scope.owner == this ? scope : null;
    }

    /**
     * As {@link #read}, but the result is kept under {@code key} and served again until the database changes: a
     * write through this connection, or a commit by any other connection or process (SQLite's
     * {@code PRAGMA data_version}, checked on every call outside a {@link #readScope}, so another process's change
     * is seen by the next read). For immutable results only. Inside a transaction it reads through.
     */
    public <T> T cachedRead(String operation, Object key, SqlWork<T> work) throws LsaException {
        return cachedRead(operation, key, work, v -> v, false);
    }

    /**
     * As {@link #cachedRead(String, Object, SqlWork)}, handing the caller {@code copyOut(result)} made while the lock
     * is held: for results the memo may zero when it drops them (hash arrays, key sets), which another thread's
     * write could otherwise do between the return and the caller's copy. {@code copyOut} must make an independent
     * copy: a result read inside a transaction, which is not kept, is zeroed once copied.
     */
    public <T, R> R cachedRead(String operation, Object key, SqlWork<T> work,
                               java.util.function.Function<? super T, R> copyOut) throws LsaException {
        return cachedRead(operation, key, work, copyOut, true);
    }

    private <T, R> R cachedRead(String operation, Object key, SqlWork<T> work,
                                java.util.function.Function<? super T, R> copyOut, boolean copies)
            throws LsaException {
        lock.lock();
        try {
            requireOpen(); // refuses a closed store
            if (depth > 0) {
                T value = read(operation, work);
                try {
                    return copyOut.apply(value);
                } finally {
                    if (copies) {
                        ReadMemo.discard(value);
                    }
                }
            }
            ReadScope scope = currentScope();
            if (scope == null || scope.validatedGeneration != memo.generation()) {
                try {
                    memo.validate(statements.dataVersion());
                } catch (SQLException e) {
                    throw storageFailure(operation, e);
                }
                if (scope != null) {
                    scope.validatedGeneration = memo.generation();
                }
            }
            @SuppressWarnings("unchecked")
            T hit = (T) memo.get(key);
            if (hit != null) {
                return copyOut.apply(hit);
            }
            T value = read(operation, work);
            memo.put(key, value);
            return copyOut.apply(value);
        } finally {
            lock.unlock();
        }
    }

    private <T> T runAndEnd(Connection c, String operation, SqlWork<T> work, String success, String[] failure)
            throws LsaException {
        depth++;
        T result;
        try {
            result = work.run(c);
        } catch (SQLException e) {
            undo(c, failure, e);
            throw storageFailure(operation, e);
        } catch (LsaException | RuntimeException | Error e) {
            undo(c, failure, e);
            throw e;
        } finally {
            depth--;
        }
        try {
            execute(c, success);
        } catch (SQLException e) {
            // A COMMIT that fails (SQLITE_BUSY, I/O error) can leave the transaction open: end it.
            undo(c, failure, e);
            throw storageFailure(operation, e);
        }
        return result;
    }

    private static void undo(Connection c, String[] statements, Throwable cause) {
        for (String sql : statements) {
            try {
                execute(c, sql);
            } catch (SQLException e) {
                cause.addSuppressed(e);
            }
        }
    }

    /** Transaction control goes through the cache too: BEGIN/COMMIT were two fresh statements per call. */
    private static void execute(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.execute();
        }
    }

    private void execute(Connection c, String sql, String operation) throws LsaException {
        try {
            execute(c, sql);
        } catch (SQLException e) {
            throw storageFailure(operation, e);
        }
    }

    /** SQLite's messages name the constraint or table, never a bound value, so no secret reaches the message. */
    private LsaException storageFailure(String operation, SQLException e) {
        return new LsaException(NtStatus.INTERNAL_ERROR, "account database " + file + ": " + operation + " failed: "
                + e.getMessage(), e);
    }

    /** The connection as table code sees it: prepared statements come from the cache. */
    private Connection requireOpen() throws LsaException {
        if (connection == null) {
            throw new LsaException(NtStatus.INVALID_HANDLE, "account database " + file + " is closed");
        }
        return statements.view();
    }

    /** Closes the connection; waits for a transaction of another thread to end. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            memo.clear();
            if (statements != null) {
                statements.closeAll();
                statements = null;
            }
            closeQuietly(connection);
            connection = null;
        } finally {
            lock.unlock();
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // nothing left to release: SQLite closes the file even when close reports an error
            }
        }
    }
}
