package org.openlsa.store.sqlite.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * SQL of table {@code allowed_to_delegate_to}: a user's msDS-AllowedToDelegateTo, the SPNs it may obtain service
 * tickets to on behalf of others (S4U2Proxy), in the order set; unique per user on their name key.
 */
public final class DelegationTable {
    private DelegationTable() {}

    /** Replaces the user's list; the caller has checked the SPNs and their uniqueness. */
    public static void replace(Connection c, long rid, List<String> spns) throws SQLException {
        deleteAllOf(c, rid);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO allowed_to_delegate_to (user_rid, position, spn, spn_key) VALUES (?, ?, ?, ?)")) {
            int position = 0;
            for (String spn : spns) {
                ps.setLong(1, rid);
                ps.setInt(2, position++);
                ps.setString(3, spn);
                ps.setString(4, NameKey.of(spn));
                ps.executeUpdate();
            }
        }
    }

    public static List<String> ofUser(Connection c, long rid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT spn FROM allowed_to_delegate_to WHERE user_rid = ? ORDER BY position")) {
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
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM allowed_to_delegate_to WHERE user_rid = ?")) {
            ps.setLong(1, rid);
            ps.executeUpdate();
        }
    }

    /** The first SPN of {@code spns} that repeats an earlier one case-insensitively (same name key), if any. */
    public static Optional<String> firstRepeat(List<String> spns) {
        Set<String> keys = new HashSet<>();
        return spns.stream().filter(spn -> !keys.add(NameKey.of(spn))).findFirst();
    }
}
