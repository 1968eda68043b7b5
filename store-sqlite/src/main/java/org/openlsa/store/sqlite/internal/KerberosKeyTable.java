package org.openlsa.store.sqlite.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.sam.KerberosKeyEntry;
import org.openlsa.sam.KerberosKeySet;

/**
 * SQL of table {@code kerberos_keys}: a user's current key set, one row per key, every row with the set's kvno.
 * Key bytes are bound as parameters from short-lived copies that are zeroed after the statement.
 */
public final class KerberosKeyTable {
    private KerberosKeyTable() {}

    /** Replaces every key of {@code rid} with {@code keys} (none: cleared). Run inside the caller's transaction. */
    public static void replace(Connection c, long rid, KerberosKeySet keys) throws SQLException {
        deleteAllOf(c, rid);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO kerberos_keys "
                + "(user_rid, position, kvno, enctype, salt, key) VALUES (?, ?, ?, ?, ?, ?)")) {
            int position = 0;
            for (KerberosKeyEntry k : keys.keys()) {
                byte[] key = k.key().copyBytes();
                try {
                    ps.setLong(1, rid);
                    ps.setInt(2, position++);
                    ps.setInt(3, keys.kvno());
                    ps.setInt(4, k.enctype());
                    ps.setBytes(5, k.salt());
                    ps.setBytes(6, key);
                    ps.executeUpdate();
                } finally {
                    Arrays.fill(key, (byte) 0);
                }
            }
        }
    }

    /** The stored set, fresh secrets the caller owns; empty when the user has no keys. */
    public static Optional<KerberosKeySet> keysOf(Connection c, long rid) throws SQLException {
        List<KerberosKeyEntry> keys = new ArrayList<>();
        int kvno = -1;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT kvno, enctype, salt, key FROM kerberos_keys WHERE user_rid = ? ORDER BY position")) {
            ps.setLong(1, rid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int rowKvno = rs.getInt(1);
                    if (kvno >= 0 && rowKvno != kvno) {
                        throw new SQLException("the stored keys of user " + rid + " mix key versions " + kvno
                                + " and " + rowKvno);
                    }
                    kvno = rowKvno;
                    byte[] salt = rs.getBytes(3);
                    SecretBytes key = SecretBytes.adopt(rs.getBytes(4));
                    try {
                        keys.add(new KerberosKeyEntry(rs.getInt(2), salt == null ? new byte[0] : salt, key));
                    } catch (IllegalArgumentException e) {
                        key.destroy();
                        throw new SQLException("a stored key of user " + rid + " is invalid: " + e.getMessage(), e);
                    }
                }
            }
            return keys.isEmpty() ? Optional.empty() : Optional.of(new KerberosKeySet(kvno, keys));
        } catch (SQLException | RuntimeException e) {
            keys.forEach(k -> k.key().destroy());
            throw e;
        }
    }

    public static void deleteAllOf(Connection c, long rid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM kerberos_keys WHERE user_rid = ?")) {
            ps.setLong(1, rid);
            ps.executeUpdate();
        }
    }
}
