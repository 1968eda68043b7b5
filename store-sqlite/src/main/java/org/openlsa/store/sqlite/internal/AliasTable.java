package org.openlsa.store.sqlite.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openlsa.core.Sid;
import org.openlsa.sam.AliasAccount;
import org.openlsa.store.sqlite.internal.AccountNameTable.Namespace;

/** SQL of table {@code aliases}: BUILTIN and account-domain aliases, keyed by SID text. */
public final class AliasTable {
    private AliasTable() {}

    private static final String SELECT = "SELECT sid, name, description FROM aliases ";

    public static void insert(Connection c, AliasAccount a, Namespace ns) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO aliases (sid, namespace, rid, name, description) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, a.sid().toString());
            ps.setString(2, ns.name());
            ps.setLong(3, a.sid().rid());
            ps.setString(4, a.name());
            ps.setString(5, a.description());
            ps.executeUpdate();
        }
    }

    public static Optional<AliasAccount> bySid(Connection c, Sid sid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE sid = ?")) {
            ps.setString(1, sid.toString());
            List<AliasAccount> found = many(ps);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
        }
    }

    public static Optional<AliasAccount> byRid(Connection c, Namespace ns, long rid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE namespace = ? AND rid = ?")) {
            ps.setString(1, ns.name());
            ps.setLong(2, rid);
            List<AliasAccount> found = many(ps);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
        }
    }

    /** BUILTIN's aliases first, then the account domain's, each by RID. */
    public static List<AliasAccount> all(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + "ORDER BY namespace = 'ACCOUNT', rid")) {
            return many(ps);
        }
    }

    public static void delete(Connection c, Sid sid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM aliases WHERE sid = ?")) {
            ps.setString(1, sid.toString());
            ps.executeUpdate();
        }
    }

    private static List<AliasAccount> many(PreparedStatement ps) throws SQLException {
        List<AliasAccount> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String sid = rs.getString(1);
                try {
                    out.add(new AliasAccount(Sid.parse(sid), rs.getString(2), rs.getString(3)));
                } catch (IllegalArgumentException e) {
                    throw new SQLException("stored alias " + sid + " is invalid: " + e.getMessage(), e);
                }
            }
        }
        return out;
    }
}
