package org.openlsa.store.sqlite.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.openlsa.core.Sid;

/** SQL of table {@code alias_members}: any SID as a direct member of an alias. */
public final class AliasMemberTable {
    private AliasMemberTable() {}

    public static boolean contains(Connection c, Sid alias, Sid member) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM alias_members WHERE alias_sid = ? AND member_sid = ?")) {
            ps.setString(1, alias.toString());
            ps.setString(2, member.toString());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    public static void insert(Connection c, Sid alias, Sid member) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO alias_members (alias_sid, member_sid) VALUES (?, ?)")) {
            ps.setString(1, alias.toString());
            ps.setString(2, member.toString());
            ps.executeUpdate();
        }
    }

    public static void delete(Connection c, Sid alias, Sid member) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM alias_members WHERE alias_sid = ? AND member_sid = ?")) {
            ps.setString(1, alias.toString());
            ps.setString(2, member.toString());
            ps.executeUpdate();
        }
    }

    /** Members in SID order (SID text order would put S-1-5-21-...-1000 before ...-500). */
    public static List<Sid> members(Connection c, Sid alias) throws SQLException {
        List<Sid> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT member_sid FROM alias_members WHERE alias_sid = ?")) {
            ps.setString(1, alias.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(parse(rs.getString(1)));
                }
            }
        }
        out.sort(null);
        return out;
    }

    /** The aliases with any of {@code members} as a direct member. */
    public static Set<Sid> aliasesContaining(Connection c, Collection<Sid> members) throws SQLException {
        Set<Sid> out = new HashSet<>();
        for (List<String> batch : SidBatches.of(members)) {
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT alias_sid FROM alias_members "
                    + "WHERE member_sid IN (" + SidBatches.placeholders(batch.size()) + ")")) {
                for (int i = 0; i < batch.size(); i++) {
                    ps.setString(i + 1, batch.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(parse(rs.getString(1)));
                    }
                }
            }
        }
        return out;
    }

    /** Removes {@code member} from every alias: the account it names is being deleted. */
    public static void deleteMemberEverywhere(Connection c, Sid member) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM alias_members WHERE member_sid = ?")) {
            ps.setString(1, member.toString());
            ps.executeUpdate();
        }
    }

    /** Removes every member of {@code alias}. */
    public static void deleteAllOf(Connection c, Sid alias) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM alias_members WHERE alias_sid = ?")) {
            ps.setString(1, alias.toString());
            ps.executeUpdate();
        }
    }

    private static Sid parse(String text) throws SQLException {
        try {
            return Sid.parse(text);
        } catch (IllegalArgumentException e) {
            throw new SQLException("stored alias membership holds an invalid SID: " + e.getMessage(), e);
        }
    }
}
