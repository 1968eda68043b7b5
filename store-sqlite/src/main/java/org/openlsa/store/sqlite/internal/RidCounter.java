package org.openlsa.store.sqlite.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** SQL of table {@code rid_counter}: the next RID {@code allocateRid} considers, from 1000 up. */
public final class RidCounter {
    private RidCounter() {}

    /** One past the largest RID: the counter's value once the 32-bit space is spent. */
    public static final long EXHAUSTED = 0x1_0000_0000L;

    public static long next(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT next_rid FROM rid_counter WHERE singleton = 1");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("table rid_counter has lost its row");
            }
            return rs.getLong(1);
        }
    }

    public static void set(Connection c, long nextRid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE rid_counter SET next_rid = ? WHERE singleton = 1")) {
            ps.setLong(1, nextRid);
            ps.executeUpdate();
        }
    }
}
