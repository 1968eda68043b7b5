package org.openlsa.store.sqlite.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/**
 * SQL of table {@code account_names}: the registry that makes RIDs and case-folded names unique per namespace.
 * The account domain's users, groups and aliases share namespace ACCOUNT; BUILTIN aliases have their own.
 */
public final class AccountNameTable {
    private AccountNameTable() {}

    public enum Namespace { ACCOUNT, BUILTIN }

    public enum Kind {
        USER, GROUP, ALIAS;

        /** "user", "group", "alias": for messages. */
        public String noun() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The account holding a name or RID. */
    public record Entry(long rid, Kind kind) {}

    public static Optional<Entry> byName(Connection c, Namespace ns, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT rid, kind FROM account_names WHERE namespace = ? AND name_key = ?")) {
            ps.setString(1, ns.name());
            ps.setString(2, NameKey.of(name));
            return first(ps);
        }
    }

    public static Optional<Entry> byRid(Connection c, Namespace ns, long rid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT rid, kind FROM account_names WHERE namespace = ? AND rid = ?")) {
            ps.setString(1, ns.name());
            ps.setLong(2, rid);
            return first(ps);
        }
    }

    private static Optional<Entry> first(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(new Entry(rs.getLong(1), Kind.valueOf(rs.getString(2)))) : Optional.empty();
        }
    }

    public static void insert(Connection c, Namespace ns, long rid, Kind kind, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO account_names (namespace, rid, kind, name_key) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, ns.name());
            ps.setLong(2, rid);
            ps.setString(3, kind.name());
            ps.setString(4, NameKey.of(name));
            ps.executeUpdate();
        }
    }

    public static void rename(Connection c, Namespace ns, long rid, String newName) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE account_names SET name_key = ? WHERE namespace = ? AND rid = ?")) {
            ps.setString(1, NameKey.of(newName));
            ps.setString(2, ns.name());
            ps.setLong(3, rid);
            ps.executeUpdate();
        }
    }

    public static void delete(Connection c, Namespace ns, long rid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM account_names WHERE namespace = ? AND rid = ?")) {
            ps.setString(1, ns.name());
            ps.setLong(2, rid);
            ps.executeUpdate();
        }
    }
}
