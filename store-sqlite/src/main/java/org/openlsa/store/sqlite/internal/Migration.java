package org.openlsa.store.sqlite.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import org.openlsa.core.LsaException;

/**
 * One step of the schema's history: the statements that take a database from {@code version - 1} to
 * {@code version}, then an optional data step for what SQL alone cannot compute (random keys, Java's case mapping).
 * A released step is never edited; a change to the format is a new step. A data step therefore uses its own SQL,
 * written against the schema of its version, never the current {@code *Table} classes, which follow the newest.
 */
public record Migration(int version, String description, List<String> statements, DataStep data) {

    /** Runs after the statements, in the same transaction. */
    @FunctionalInterface
    public interface DataStep {
        DataStep NONE = c -> { };

        void run(Connection c) throws SQLException, LsaException;
    }

    public Migration {
        if (version < 1) {
            throw new IllegalArgumentException("schema versions start at 1, not " + version);
        }
        Objects.requireNonNull(description, "description");
        statements = List.copyOf(statements);
        Objects.requireNonNull(data, "data");
    }

    /** A step of statements only. */
    public Migration(int version, String description, List<String> statements) {
        this(version, description, statements, DataStep.NONE);
    }
}
