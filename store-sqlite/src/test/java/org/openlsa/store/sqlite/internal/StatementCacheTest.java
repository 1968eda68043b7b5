package org.openlsa.store.sqlite.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteDataSource;

class StatementCacheTest {
    private static Connection memory() throws SQLException {
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite::memory:");
        Connection c = ds.getConnection();
        try (var s = c.createStatement()) {
            s.execute("CREATE TABLE t (v INTEGER)");
            s.execute("INSERT INTO t VALUES (1), (2), (3)");
        }
        return c;
    }

    @Test
    void aClosedStatementIsReusedWithFreshParameters() throws Exception {
        try (Connection real = memory()) {
            StatementCache cache = new StatementCache(real);
            Connection c = cache.view();
            List<Integer> seen = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                try (PreparedStatement ps = c.prepareStatement("SELECT v FROM t WHERE v = ?")) {
                    ps.setInt(1, i);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next());
                        seen.add(rs.getInt(1));
                    }
                }
            }
            assertEquals(List.of(1, 2, 3), seen);
            cache.closeAll();
        }
    }

    @Test
    void theSameSqlInsideItsOwnLoopGetsAFreshStatement() throws Exception {
        try (Connection real = memory()) {
            StatementCache cache = new StatementCache(real);
            Connection c = cache.view();
            String sql = "SELECT v FROM t WHERE v >= ? ORDER BY v";
            List<String> pairs = new ArrayList<>();
            try (PreparedStatement outer = c.prepareStatement(sql)) {
                outer.setInt(1, 2);
                try (ResultSet rs = outer.executeQuery()) {
                    while (rs.next()) {
                        int v = rs.getInt(1);
                        try (PreparedStatement inner = c.prepareStatement(sql)) {
                            inner.setInt(1, v);
                            try (ResultSet r2 = inner.executeQuery()) {
                                while (r2.next()) {
                                    pairs.add(v + ":" + r2.getInt(1));
                                }
                            }
                        }
                    }
                }
            }
            assertEquals(List.of("2:2", "2:3", "3:3"), pairs, "the outer iteration was not disturbed");
            cache.closeAll();
        }
    }

    @Test
    void aReturnedStatementCannotBeUsedAndTheConnectionCannotBeClosedByTableCode() throws Exception {
        try (Connection real = memory()) {
            StatementCache cache = new StatementCache(real);
            PreparedStatement ps = cache.view().prepareStatement("SELECT 1");
            ps.close();
            assertTrue(ps.isClosed());
            assertThrows(SQLException.class, ps::executeQuery);
            assertThrows(SQLException.class, () -> cache.view().close());
            cache.closeAll();
        }
    }
}
