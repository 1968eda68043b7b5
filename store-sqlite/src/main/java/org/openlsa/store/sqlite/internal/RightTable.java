package org.openlsa.store.sqlite.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.openlsa.core.Sid;
import org.openlsa.sam.AccountRight;

/**
 * SQL of table {@code account_rights}: (SID, right name) pairs of the LSA policy. Rights are stored by name
 * ({@code SeTcbPrivilege}, {@code SeInteractiveLogonRight}); a name this release does not know (written by a newer
 * one) is skipped on read rather than failing the lookup.
 */
public final class RightTable {
    private RightTable() {}

    /** INSERT OR IGNORE: granting a right already held is a no-op, as LsaAddAccountRights is. */
    public static void insert(Connection c, Sid sid, AccountRight right) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT OR IGNORE INTO account_rights (sid, right_name) VALUES (?, ?)")) {
            ps.setString(1, sid.toString());
            ps.setString(2, right.name());
            ps.executeUpdate();
        }
    }

    public static void delete(Connection c, Sid sid, AccountRight right) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM account_rights WHERE sid = ? AND right_name = ?")) {
            ps.setString(1, sid.toString());
            ps.setString(2, right.name());
            ps.executeUpdate();
        }
    }

    public static void deleteAllOf(Connection c, Sid sid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM account_rights WHERE sid = ?")) {
            ps.setString(1, sid.toString());
            ps.executeUpdate();
        }
    }

    public static Set<AccountRight> union(Connection c, Collection<Sid> sids) throws SQLException {
        Set<AccountRight> out = new HashSet<>();
        for (List<String> batch : SidBatches.of(sids)) {
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT right_name FROM account_rights "
                    + "WHERE sid IN (" + SidBatches.placeholders(batch.size()) + ")")) {
                for (int i = 0; i < batch.size(); i++) {
                    ps.setString(i + 1, batch.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        AccountRight.byName(rs.getString(1)).ifPresent(out::add);
                    }
                }
            }
        }
        return out;
    }

    /** Every SID holding at least one known right, in SID order. */
    public static Map<Sid, Set<AccountRight>> all(Connection c) throws SQLException {
        Map<Sid, Set<AccountRight>> out = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT sid, right_name FROM account_rights");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Optional<AccountRight> right = AccountRight.byName(rs.getString(2));
                if (right.isPresent()) {
                    out.computeIfAbsent(parse(rs.getString(1)), k -> new HashSet<>()).add(right.get());
                }
            }
        }
        return out;
    }

    private static Sid parse(String text) throws SQLException {
        try {
            return Sid.parse(text);
        } catch (IllegalArgumentException e) {
            throw new SQLException("stored account right holds an invalid SID: " + e.getMessage(), e);
        }
    }
}
