package org.openlsa.store.sqlite.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * SQL of table {@code service_principal_names}: which user holds each SPN. SPNs are unique on their name key (each
 * code point upper-cased, as account names), across the whole store; the text is kept as registered.
 */
public final class ServicePrincipalNameTable {
    private ServicePrincipalNameTable() {}

    /** The RID of the user holding {@code spn}, compared case-insensitively. */
    public static OptionalLong holder(Connection c, String spn) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT user_rid FROM service_principal_names WHERE spn_key = ?")) {
            ps.setString(1, NameKey.of(spn));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    public static void insert(Connection c, long rid, String spn) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO service_principal_names (spn_key, spn, user_rid) VALUES (?, ?, ?)")) {
            ps.setString(1, NameKey.of(spn));
            ps.setString(2, spn);
            ps.setLong(3, rid);
            ps.executeUpdate();
        }
    }

    /** @return false when the user holds no such SPN */
    public static boolean delete(Connection c, long rid, String spn) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM service_principal_names WHERE spn_key = ? AND user_rid = ?")) {
            ps.setString(1, NameKey.of(spn));
            ps.setLong(2, rid);
            return ps.executeUpdate() == 1;
        }
    }

    /** The user's SPNs in registration order (SQLite gives a new row a rowid above every existing one). */
    public static List<String> ofUser(Connection c, long rid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT spn FROM service_principal_names WHERE user_rid = ? ORDER BY rowid")) {
            ps.setLong(1, rid);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    public static void deleteAllOf(Connection c, long rid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM service_principal_names WHERE user_rid = ?")) {
            ps.setLong(1, rid);
            ps.executeUpdate();
        }
    }
}
