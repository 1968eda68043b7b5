package org.openlsa.store.sqlite.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;

/**
 * Brings a database to the newest schema version this code knows. The version lives in PRAGMA user_version (0 for a
 * new file); step {@code n} of the list takes it from {@code n - 1} to {@code n} in one transaction, so a crash
 * between steps leaves a file at a consistent, older version that the next open continues from. A file of a newer
 * version than known is refused: an older reader must not guess at a format it has never seen.
 */
public final class SchemaMigrator {
    private final List<Migration> steps;

    /** @param steps versions 1, 2, ... in order, without gaps */
    public SchemaMigrator(List<Migration> steps) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).version() != i + 1) {
                throw new IllegalArgumentException("migration step " + i + " has version " + steps.get(i).version()
                        + ", expected " + (i + 1));
            }
        }
        this.steps = List.copyOf(steps);
    }

    /** The migrator of the released schema (docs/store-sqlite.md). */
    public static SchemaMigrator standard() {
        return new SchemaMigrator(Schema.STEPS);
    }

    public int latestVersion() {
        return steps.size();
    }

    /** Applies every missing step; a no-op on a current file. */
    public void migrate(Database db) throws LsaException {
        // Checked first in a read transaction so that a newer file is refused without taking its write lock.
        db.read("reading the schema version", c -> checkKnown(c, db));
        boolean more = true;
        while (more) {
            // The version is read again under the write lock: another process may have migrated meanwhile.
            more = db.write("schema migration", c -> {
                int current = checkKnown(c, db);
                if (current == latestVersion()) {
                    return false;
                }
                Migration step = steps.get(current);
                try (Statement s = c.createStatement()) {
                    for (String sql : step.statements()) {
                        s.execute(sql);
                    }
                }
                step.data().run(c);
                Pragmas.setUserVersion(c, step.version());
                return step.version() < latestVersion();
            });
        }
    }

    private int checkKnown(Connection c, Database db) throws SQLException, LsaException {
        int current = Pragmas.userVersion(c);
        if (current < 0 || current > latestVersion()) {
            throw new LsaException(NtStatus.NOT_SUPPORTED, "account database " + db.file() + " has schema version " + current
                    + ", but this OpenLSA knows versions up to " + latestVersion()
                    + "; open it with the OpenLSA release that wrote it or a newer one");
        }
        return current;
    }
}
