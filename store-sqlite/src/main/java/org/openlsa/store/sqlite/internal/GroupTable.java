package org.openlsa.store.sqlite.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openlsa.core.Sid;
import org.openlsa.sam.GroupAccount;

/** SQL of table {@code global_groups}. */
public final class GroupTable {
    private GroupTable() {}

    private static final String SELECT = "SELECT g.rid, g.sid, g.name, g.description FROM global_groups g ";

    public static void insert(Connection c, GroupAccount g) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO global_groups (rid, sid, name, description) VALUES (?, ?, ?, ?)")) {
            ps.setLong(1, g.rid());
            ps.setString(2, g.sid().toString());
            ps.setString(3, g.name());
            ps.setString(4, g.description());
            ps.executeUpdate();
        }
    }

    public static Optional<GroupAccount> byRid(Connection c, long rid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE g.rid = ?")) {
            ps.setLong(1, rid);
            List<GroupAccount> found = many(ps);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
        }
    }

    public static List<GroupAccount> all(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + "ORDER BY g.rid")) {
            return many(ps);
        }
    }

    /** The groups {@code userRid} is a member of, by RID (joins {@code group_members}, whose SQL this is too). */
    public static List<GroupAccount> ofUser(Connection c, long userRid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT
                + "JOIN group_members m ON m.group_rid = g.rid WHERE m.user_rid = ? ORDER BY g.rid")) {
            ps.setLong(1, userRid);
            return many(ps);
        }
    }

    public static void delete(Connection c, long rid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM global_groups WHERE rid = ?")) {
            ps.setLong(1, rid);
            ps.executeUpdate();
        }
    }

    private static List<GroupAccount> many(PreparedStatement ps) throws SQLException {
        List<GroupAccount> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long rid = rs.getLong(1);
                try {
                    out.add(new GroupAccount(rid, Sid.parse(rs.getString(2)), rs.getString(3), rs.getString(4)));
                } catch (IllegalArgumentException e) {
                    throw new SQLException("stored group " + rid + " is invalid: " + e.getMessage(), e);
                }
            }
        }
        return out;
    }
}
