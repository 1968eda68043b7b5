package org.openlsa.store.sqlite.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openlsa.crypto.SecretBytes;

/**
 * SQL of table {@code password_history}: a user's remembered NT hashes, newest first (MS-SAMR's ntPwdHistory). Hash
 * bytes are bound from short-lived copies that are zeroed after the statement; secure_delete zeroes replaced rows.
 */
public final class PasswordHistoryTable {
    private PasswordHistoryTable() {}

    /** Replaces the user's history with {@code hashes}, newest first. Run inside the caller's transaction. */
    public static void replace(Connection c, long rid, List<SecretBytes> hashes) throws SQLException {
        deleteAllOf(c, rid);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO password_history (user_rid, position, nt_hash) VALUES (?, ?, ?)")) {
            int position = 0;
            for (SecretBytes h : hashes) {
                byte[] bytes = h.copyBytes();
                try {
                    ps.setLong(1, rid);
                    ps.setInt(2, position++);
                    ps.setBytes(3, bytes);
                    ps.executeUpdate();
                } finally {
                    Arrays.fill(bytes, (byte) 0);
                }
            }
        }
    }

    /** The remembered hashes, newest first, fresh secrets the caller destroys. */
    public static List<SecretBytes> of(Connection c, long rid) throws SQLException {
        List<SecretBytes> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT nt_hash FROM password_history WHERE user_rid = ? ORDER BY position")) {
            ps.setLong(1, rid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(SecretBytes.adopt(rs.getBytes(1)));
                }
            }
            return out;
        } catch (SQLException | RuntimeException e) {
            out.forEach(SecretBytes::destroy);
            throw e;
        }
    }

    public static void deleteAllOf(Connection c, long rid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM password_history WHERE user_rid = ?")) {
            ps.setLong(1, rid);
            ps.executeUpdate();
        }
    }
}
