package org.openlsa.store.sqlite.internal;

import java.util.List;
import java.util.Objects;

/**
 * One step of the schema's history: the statements that take a database from {@code version - 1} to
 * {@code version}. A released step is never edited; a change to the format is a new step.
 */
public record Migration(int version, String description, List<String> statements) {
    public Migration {
        if (version < 1) {
            throw new IllegalArgumentException("schema versions start at 1, not " + version);
        }
        Objects.requireNonNull(description, "description");
        statements = List.copyOf(statements);
    }
}
