package org.openlsa.store.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteDataSource;

/** Direct SQL on a store's file, for tests that inspect or tamper with what the store wrote. */
public final class RawDatabase {
    private RawDatabase() {}

    private static Connection connect(Path file) throws SQLException {
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + file);
        return source.getConnection();
    }

    public static String query(Path file, String sql) throws Exception {
        try (Connection c = connect(file); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    public static void execute(Path file, String sql) throws Exception {
        try (Connection c = connect(file); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
