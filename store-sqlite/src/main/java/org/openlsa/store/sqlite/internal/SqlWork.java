package org.openlsa.store.sqlite.internal;

import java.sql.Connection;
import java.sql.SQLException;
import org.openlsa.core.LsaException;

/** Work run by {@link Database} on its connection inside a transaction or savepoint. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection c) throws SQLException, LsaException;
}
