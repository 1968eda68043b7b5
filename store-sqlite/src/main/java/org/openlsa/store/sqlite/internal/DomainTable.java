package org.openlsa.store.sqlite.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.openlsa.core.LsaException;
import org.openlsa.core.QuotaLimits;
import org.openlsa.core.Sid;
import org.openlsa.sam.DomainInfo;
import org.openlsa.sam.DomainPolicy;
import org.openlsa.sam.KerberosPolicy;
import org.openlsa.sam.NtlmPolicy;

/** SQL of table {@code domain}: the one row of the account domain, its realm and its policy. */
public final class DomainTable {
    private DomainTable() {}

    private static final String POLICY_COLUMNS = "min_password_length, min_password_age, max_password_age, "
            + "lockout_threshold, lockout_duration, lockout_observation_window, lockout_admins, "
            + "quota_paged_pool_bytes, quota_non_paged_pool_bytes, quota_min_working_set_bytes, "
            + "quota_max_working_set_bytes, quota_pagefile_bytes, quota_time_limit, ntlm_level, lanman_auth, "
            + "anonymous_logon, kerberos_enctypes, kerberos_max_ticket_age, kerberos_max_renew_age, "
            + "kerberos_max_service_ticket_age, kerberos_max_clock_skew, kerberos_preauth_required, "
            + "password_complexity, password_history_length";
    private static final int POLICY_COLUMN_COUNT = 24;

    public static Optional<DomainInfo> find(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT name, sid, machine_name, realm, " + POLICY_COLUMNS + " FROM domain WHERE singleton = 1");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            try {
                return Optional.of(new DomainInfo(rs.getString("name"), Sid.parse(rs.getString("sid")),
                        rs.getString("machine_name"), rs.getString("realm"), readPolicy(rs)));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new SQLException("the stored domain row is invalid: " + e.getMessage(), e);
            }
        }
    }

    public static void insert(Connection c, DomainInfo d) throws SQLException, LsaException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO domain (singleton, name, sid, machine_name, realm, "
                + POLICY_COLUMNS + ") VALUES (1, ?, ?, ?, ?" + ", ?".repeat(POLICY_COLUMN_COUNT) + ")")) {
            ps.setString(1, d.name());
            ps.setString(2, d.sid().toString());
            ps.setString(3, d.machineName());
            ps.setString(4, d.realm());
            bindPolicy(ps, 5, d.policy());
            ps.executeUpdate();
        }
    }

    /** @return false when there is no domain row */
    public static boolean updatePolicy(Connection c, DomainPolicy p) throws SQLException, LsaException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE domain SET min_password_length = ?, "
                + "min_password_age = ?, max_password_age = ?, lockout_threshold = ?, lockout_duration = ?, "
                + "lockout_observation_window = ?, lockout_admins = ?, quota_paged_pool_bytes = ?, "
                + "quota_non_paged_pool_bytes = ?, quota_min_working_set_bytes = ?, quota_max_working_set_bytes = ?, "
                + "quota_pagefile_bytes = ?, quota_time_limit = ?, ntlm_level = ?, lanman_auth = ?, "
                + "anonymous_logon = ?, kerberos_enctypes = ?, kerberos_max_ticket_age = ?, "
                + "kerberos_max_renew_age = ?, kerberos_max_service_ticket_age = ?, kerberos_max_clock_skew = ?, "
                + "kerberos_preauth_required = ?, password_complexity = ?, password_history_length = ? "
                + "WHERE singleton = 1")) {
            bindPolicy(ps, 1, p);
            return ps.executeUpdate() == 1;
        }
    }

    private static void bindPolicy(PreparedStatement ps, int first, DomainPolicy p) throws SQLException, LsaException {
        int i = first;
        ps.setInt(i++, p.minPasswordLength());
        ps.setLong(i++, NtUnits.fromDuration(p.minPasswordAge()));
        NtUnits.bindDuration(ps, i++, p.maxPasswordAge());
        ps.setInt(i++, p.lockoutThreshold());
        NtUnits.bindDuration(ps, i++, p.lockoutDuration());
        ps.setLong(i++, NtUnits.fromDuration(p.lockoutObservationWindow()));
        ps.setInt(i++, p.lockoutAdmins() ? 1 : 0);
        QuotaLimits q = p.defaultQuotaLimits();
        ps.setLong(i++, q.pagedPoolLimitBytes());
        ps.setLong(i++, q.nonPagedPoolLimitBytes());
        ps.setLong(i++, q.minimumWorkingSetSizeBytes());
        ps.setLong(i++, q.maximumWorkingSetSizeBytes());
        ps.setLong(i++, q.pagefileLimitBytes());
        ps.setLong(i++, q.timeLimit());
        NtlmPolicy n = p.ntlm();
        ps.setString(i++, n.level().name());
        ps.setInt(i++, n.lanmanAuth() ? 1 : 0);
        ps.setInt(i++, n.anonymousLogon() ? 1 : 0);
        KerberosPolicy k = p.kerberos();
        // A comma list of enctype numbers in preference order: one readable column instead of a child table.
        ps.setString(i++, k.enctypes().stream().map(String::valueOf).collect(Collectors.joining(",")));
        ps.setLong(i++, NtUnits.fromDuration(k.maxTicketAge()));
        ps.setLong(i++, NtUnits.fromDuration(k.maxRenewAge()));
        ps.setLong(i++, NtUnits.fromDuration(k.maxServiceTicketAge()));
        ps.setLong(i++, NtUnits.fromDuration(k.maxClockSkew()));
        ps.setInt(i++, k.preauthRequired() ? 1 : 0);
        ps.setInt(i++, p.passwordComplexity() ? 1 : 0);
        ps.setInt(i, p.passwordHistoryLength());
    }

    private static DomainPolicy readPolicy(ResultSet rs) throws SQLException {
        QuotaLimits q = new QuotaLimits(rs.getLong("quota_paged_pool_bytes"), rs.getLong("quota_non_paged_pool_bytes"),
                rs.getLong("quota_min_working_set_bytes"), rs.getLong("quota_max_working_set_bytes"),
                rs.getLong("quota_pagefile_bytes"), rs.getLong("quota_time_limit"));
        return new DomainPolicy(rs.getInt("min_password_length"), rs.getInt("password_complexity") != 0,
                rs.getInt("password_history_length"), NtUnits.toDuration(rs.getLong("min_password_age")),
                NtUnits.duration(rs, "max_password_age"), rs.getInt("lockout_threshold"),
                NtUnits.duration(rs, "lockout_duration"),
                NtUnits.toDuration(rs.getLong("lockout_observation_window")), rs.getInt("lockout_admins") != 0, q,
                new NtlmPolicy(NtlmPolicy.Level.valueOf(rs.getString("ntlm_level")), rs.getInt("lanman_auth") != 0,
                        rs.getInt("anonymous_logon") != 0),
                new KerberosPolicy(enctypes(rs.getString("kerberos_enctypes")),
                        NtUnits.toDuration(rs.getLong("kerberos_max_ticket_age")),
                        NtUnits.toDuration(rs.getLong("kerberos_max_renew_age")),
                        NtUnits.toDuration(rs.getLong("kerberos_max_service_ticket_age")),
                        NtUnits.toDuration(rs.getLong("kerberos_max_clock_skew")),
                        rs.getInt("kerberos_preauth_required") != 0));
    }

    /** @throws IllegalArgumentException (NumberFormatException) for a damaged list; the caller reports the row */
    private static List<Integer> enctypes(String stored) {
        return Arrays.stream(stored.split(",", -1)).map(Integer::valueOf).toList();
    }
}
