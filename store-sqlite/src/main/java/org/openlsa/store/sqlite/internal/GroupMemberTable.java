package org.openlsa.store.sqlite.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL of table {@code group_members} (users in global groups). Rows go with their group or user through
 * ON DELETE CASCADE; {@link #deleteAllOf} removes them explicitly as well, so deletion never depends on the
 * foreign-key pragma alone.
 */
public final class GroupMemberTable {
    private GroupMemberTable() {}

    public static boolean contains(Connection c, long groupRid, long userRid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM group_members WHERE group_rid = ? AND user_rid = ?")) {
            ps.setLong(1, groupRid);
            ps.setLong(2, userRid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    public static void insert(Connection c, long groupRid, long userRid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO group_members (group_rid, user_rid) VALUES (?, ?)")) {
            ps.setLong(1, groupRid);
            ps.setLong(2, userRid);
            ps.executeUpdate();
        }
    }

    public static void delete(Connection c, long groupRid, long userRid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM group_members WHERE group_rid = ? AND user_rid = ?")) {
            ps.setLong(1, groupRid);
            ps.setLong(2, userRid);
            ps.executeUpdate();
        }
    }

    public static List<Long> members(Connection c, long groupRid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT user_rid FROM group_members WHERE group_rid = ? ORDER BY user_rid")) {
            ps.setLong(1, groupRid);
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        }
    }

    /** Removes every membership of a group or of a user. */
    public static void deleteAllOf(Connection c, Side side, long rid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM group_members WHERE " + side.column + " = ?")) {
            ps.setLong(1, rid);
            ps.executeUpdate();
        }
    }

    /** Which end of the membership {@link #deleteAllOf} matches. */
    public enum Side {
        GROUP("group_rid"), USER("user_rid");

        private final String column;

        Side(String column) {
            this.column = column;
        }
    }
}
