package org.openlsa.store.sqlite.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Reading and writing the few PRAGMAs the store uses; names are constants of this package, never input. */
final class Pragmas {
    private Pragmas() {}

    static String text(Connection c, String pragma) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + pragma)) {
            return rs.next() ? rs.getString(1) : "";
        }
    }

    static int userVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** PRAGMA user_version is part of the database header, so it commits and rolls back with the transaction. */
    static void setUserVersion(Connection c, int version) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = " + version);
        }
    }
}
