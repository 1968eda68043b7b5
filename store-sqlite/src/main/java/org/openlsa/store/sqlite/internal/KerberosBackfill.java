package org.openlsa.store.sqlite.internal;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openlsa.core.LsaException;
import org.openlsa.core.Sid;
import org.openlsa.sam.AccountFlag;
import org.openlsa.sam.DomainInfo;
import org.openlsa.sam.DomainProvisioning;
import org.openlsa.sam.KerberosKeyEntry;
import org.openlsa.sam.KerberosKeySet;
import org.openlsa.sam.UserAccount;

/**
 * The data part of schema step 3, for a domain that existed before it: the default realm (the domain name
 * upper-cased by Java, which SQLite's ASCII-only upper() would not match for every name), and the krbtgt account
 * with random keys for the domain's enctypes, as provisioning now creates it. krbtgt is added only when both RID 502
 * and the name "krbtgt" are free; an account already holding either is left alone (the KDC then reports the missing
 * krbtgt keys). The SQL here is frozen at step 3's schema (see {@link Migration}).
 */
final class KerberosBackfill {
    private KerberosBackfill() {}

    static void run(Connection c) throws SQLException, LsaException {
        String name;
        Sid sid;
        String enctypes;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT name, sid, kerberos_enctypes FROM domain WHERE singleton = 1");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return; // a file without a domain: provisioning will create krbtgt
            }
            name = rs.getString(1);
            sid = Sid.parse(rs.getString(2));
            enctypes = rs.getString(3);
        }
        String realm;
        try {
            realm = DomainInfo.requireValidRealm(DomainInfo.defaultRealm(name));
        } catch (IllegalArgumentException e) {
            throw new SQLException("domain '" + name + "' has no usable default realm: " + e.getMessage(), e);
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE domain SET realm = ? WHERE singleton = 1")) {
            ps.setString(1, realm);
            ps.executeUpdate();
        }
        if (krbtgtSlotTaken(c)) {
            return;
        }
        UserAccount krbtgt = DomainProvisioning.krbtgtAccount(sid, Instant.now());
        insertAccount(c, krbtgt);
        try (KerberosKeySet keys = DomainProvisioning.krbtgtKeys(realm, parseEnctypes(enctypes), new SecureRandom())) {
            insertKeys(c, krbtgt.rid(), keys);
        }
    }

    private static boolean krbtgtSlotTaken(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM account_names "
                + "WHERE namespace = 'ACCOUNT' AND (rid = ? OR name_key = ?)")) {
            ps.setLong(1, UserAccount.RID_KRBTGT);
            ps.setString(2, NameKey.of(DomainProvisioning.KRBTGT_NAME));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        }
    }

    private static List<Integer> parseEnctypes(String stored) throws SQLException {
        List<Integer> out = new ArrayList<>();
        try {
            for (String e : stored.split(",", -1)) {
                out.add(Integer.parseInt(e));
            }
        } catch (NumberFormatException e) {
            throw new SQLException("the stored enctype list '" + stored + "' is not a comma list of numbers", e);
        }
        return out;
    }

    private static void insertAccount(Connection c, UserAccount u) throws SQLException, LsaException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO account_names (namespace, rid, kind, name_key) VALUES ('ACCOUNT', ?, 'USER', ?)")) {
            ps.setLong(1, u.rid());
            ps.setString(2, NameKey.of(u.name()));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO users (rid, sid, name, full_name, description, "
                + "flags, account_expires, password_last_set, logon_hours_units, logon_hours_bitmap, workstations, "
                + "home_directory, home_directory_drive, profile_path, logon_script, primary_group_rid, unix_uid, "
                + "nt_hash, lm_hash, bad_password_count, bad_password_time, lockout_time, last_logon, logon_count) "
                + "VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, '', '', '', '', '', ?, NULL, NULL, NULL, 0, NULL, NULL, "
                + "NULL, 0)")) {
            int i = 1;
            ps.setLong(i++, u.rid());
            ps.setString(i++, u.sid().toString());
            ps.setString(i++, u.name());
            ps.setString(i++, u.fullName());
            ps.setString(i++, u.description());
            ps.setLong(i++, Integer.toUnsignedLong(AccountFlag.toBits(u.flags())));
            NtUnits.bindInstant(ps, i++, u.passwordLastSet());
            ps.setInt(i++, u.logonHours().unitsPerWeek());
            ps.setBytes(i++, u.logonHours().bitmap());
            ps.setLong(i, u.primaryGroupRid());
            ps.executeUpdate();
        }
    }

    private static void insertKeys(Connection c, long rid, KerberosKeySet keys) throws SQLException {
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
}
