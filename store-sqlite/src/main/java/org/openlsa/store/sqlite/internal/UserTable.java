package org.openlsa.store.sqlite.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.openlsa.core.LsaException;
import org.openlsa.core.Sid;
import org.openlsa.sam.AccountFlag;
import org.openlsa.sam.LogonHours;
import org.openlsa.sam.LogonState;
import org.openlsa.sam.UserAccount;

/**
 * SQL of table {@code users}. The NT hash column is written only by {@link #insert} and {@link #setNtHash} and read
 * only by {@link #ntHash}; it is never part of a {@link UserAccount}.
 */
public final class UserTable {
    private UserTable() {}

    private static final String ACCOUNT_COLUMNS = "sid, name, full_name, description, flags, account_expires, "
            + "password_last_set, logon_hours_units, logon_hours_bitmap, workstations, home_directory, "
            + "home_directory_drive, profile_path, logon_script, primary_group_rid, unix_uid";
    private static final String STATE_COLUMNS =
            "bad_password_count, bad_password_time, lockout_time, last_logon, logon_count";
    private static final String SELECT = "SELECT rid, " + ACCOUNT_COLUMNS + ", " + STATE_COLUMNS + " FROM users ";

    /** @param ntHash 16 bytes or null; the caller owns and zeroes the array */
    public static void insert(Connection c, UserAccount u, byte[] ntHash) throws SQLException, LsaException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO users (rid, " + ACCOUNT_COLUMNS + ", "
                + STATE_COLUMNS + ", nt_hash) VALUES (?" + ", ?".repeat(16 + 5 + 1) + ")")) {
            ps.setLong(1, u.rid());
            int next = bindAccount(ps, 2, u);
            next = bindState(ps, next, u.logonState());
            if (ntHash == null) {
                ps.setNull(next, Types.BLOB);
            } else {
                ps.setBytes(next, ntHash);
            }
            ps.executeUpdate();
        }
    }

    /**
     * Writes every administrative field of {@code u}: not the NT hash, and not the logon counters, which change only
     * through {@link #updateLogonState} (a stale copy in an administrative edit must not undo a bad-password count).
     */
    public static void update(Connection c, UserAccount u) throws SQLException, LsaException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE users SET sid = ?, name = ?, full_name = ?, "
                + "description = ?, flags = ?, account_expires = ?, password_last_set = ?, logon_hours_units = ?, "
                + "logon_hours_bitmap = ?, workstations = ?, home_directory = ?, home_directory_drive = ?, "
                + "profile_path = ?, logon_script = ?, primary_group_rid = ?, unix_uid = ? WHERE rid = ?")) {
            int next = bindAccount(ps, 1, u);
            ps.setLong(next, u.rid());
            ps.executeUpdate();
        }
    }

    public static void updateLogonState(Connection c, long rid, LogonState s) throws SQLException, LsaException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE users SET bad_password_count = ?, "
                + "bad_password_time = ?, lockout_time = ?, last_logon = ?, logon_count = ? WHERE rid = ?")) {
            ps.setLong(bindState(ps, 1, s), rid);
            ps.executeUpdate();
        }
    }

    /** @param ntHash 16 bytes or null; the caller owns and zeroes the array */
    public static void setNtHash(Connection c, long rid, byte[] ntHash) throws SQLException {
        setHash(c, rid, ntHash, "UPDATE users SET nt_hash = ?, lm_hash = NULL WHERE rid = ?");
    }

    /** The stored hash, a fresh array the caller zeroes or adopts; empty when none is set or no such user. */
    public static Optional<byte[]> ntHash(Connection c, long rid) throws SQLException {
        return hash(c, rid, "SELECT nt_hash FROM users WHERE rid = ?");
    }

    /** @param lmHash 16 bytes or null; the caller owns and zeroes the array */
    public static void setLmHash(Connection c, long rid, byte[] lmHash) throws SQLException {
        setHash(c, rid, lmHash, "UPDATE users SET lm_hash = ? WHERE rid = ?");
    }

    private static void setHash(Connection c, long rid, byte[] hash, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (hash == null) {
                ps.setNull(1, Types.BLOB);
            } else {
                ps.setBytes(1, hash);
            }
            ps.setLong(2, rid);
            ps.executeUpdate();
        }
    }

    /** As {@link #ntHash}, for the LM hash. */
    public static Optional<byte[]> lmHash(Connection c, long rid) throws SQLException {
        return hash(c, rid, "SELECT lm_hash FROM users WHERE rid = ?");
    }

    private static Optional<byte[]> hash(Connection c, long rid, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, rid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getBytes(1)) : Optional.empty();
            }
        }
    }

    public static Optional<UserAccount> byRid(Connection c, long rid) throws SQLException {
        return one(c, "WHERE rid = ?", rid);
    }

    public static Optional<UserAccount> byUnixUid(Connection c, long uid) throws SQLException {
        return one(c, "WHERE unix_uid = ?", uid);
    }

    public static List<UserAccount> all(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + "ORDER BY rid")) {
            return many(ps);
        }
    }

    /** Users whose primary group is {@code groupRid}, by RID. */
    public static List<UserAccount> withPrimaryGroup(Connection c, long groupRid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE primary_group_rid = ? ORDER BY rid")) {
            ps.setLong(1, groupRid);
            return many(ps);
        }
    }

    public static void delete(Connection c, long rid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM users WHERE rid = ?")) {
            ps.setLong(1, rid);
            ps.executeUpdate();
        }
    }

    private static Optional<UserAccount> one(Connection c, String where, long key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + where)) {
            ps.setLong(1, key);
            List<UserAccount> found = many(ps);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
        }
    }

    private static List<UserAccount> many(PreparedStatement ps) throws SQLException {
        List<UserAccount> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(read(rs));
            }
        }
        return out;
    }

    private static int bindAccount(PreparedStatement ps, int first, UserAccount u) throws SQLException, LsaException {
        int i = first;
        ps.setString(i++, u.sid().toString());
        ps.setString(i++, u.name());
        ps.setString(i++, u.fullName());
        ps.setString(i++, u.description());
        ps.setLong(i++, Integer.toUnsignedLong(AccountFlag.toBits(u.flags())));
        NtUnits.bindInstant(ps, i++, u.accountExpires());
        NtUnits.bindInstant(ps, i++, u.passwordLastSet());
        ps.setInt(i++, u.logonHours().unitsPerWeek());
        ps.setBytes(i++, u.logonHours().bitmap());
        // UserAccount forbids commas in workstation names, so the comma list (Windows' own WorkStations form) is exact.
        ps.setString(i++, String.join(",", u.workstations()));
        ps.setString(i++, u.homeDirectory());
        ps.setString(i++, u.homeDirectoryDrive());
        ps.setString(i++, u.profilePath());
        ps.setString(i++, u.logonScript());
        ps.setLong(i++, u.primaryGroupRid());
        if (u.unixUid().isPresent()) {
            ps.setLong(i++, u.unixUid().getAsLong());
        } else {
            ps.setNull(i++, Types.INTEGER);
        }
        return i;
    }

    private static int bindState(PreparedStatement ps, int first, LogonState s) throws SQLException, LsaException {
        int i = first;
        ps.setInt(i++, s.badPasswordCount());
        NtUnits.bindInstant(ps, i++, s.badPasswordTime());
        NtUnits.bindInstant(ps, i++, s.lockoutTime());
        NtUnits.bindInstant(ps, i++, s.lastLogon());
        ps.setInt(i++, s.logonCount());
        return i;
    }

    private static UserAccount read(ResultSet rs) throws SQLException {
        long rid = rs.getLong("rid");
        try {
            String workstations = rs.getString("workstations");
            long uid = rs.getLong("unix_uid");
            OptionalLong unixUid = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(uid);
            byte[] bitmap = rs.getBytes("logon_hours_bitmap");
            LogonState state = new LogonState(rs.getInt("bad_password_count"),
                    NtUnits.instant(rs, "bad_password_time"), NtUnits.instant(rs, "lockout_time"),
                    NtUnits.instant(rs, "last_logon"), rs.getInt("logon_count"));
            return new UserAccount(rid, Sid.parse(rs.getString("sid")), rs.getString("name"),
                    rs.getString("full_name"), rs.getString("description"),
                    AccountFlag.fromBits((int) rs.getLong("flags")), NtUnits.instant(rs, "account_expires"),
                    NtUnits.instant(rs, "password_last_set"),
                    LogonHours.of(rs.getInt("logon_hours_units"), bitmap == null ? new byte[0] : bitmap),
                    workstations.isEmpty() ? List.of() : Arrays.asList(workstations.split(",", -1)),
                    rs.getString("home_directory"), rs.getString("home_directory_drive"),
                    rs.getString("profile_path"), rs.getString("logon_script"), rs.getLong("primary_group_rid"),
                    unixUid, state);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new SQLException("stored user " + rid + " is invalid: " + e.getMessage(), e);
        }
    }
}
