package org.openlsa.store.sqlite.internal;

import java.util.List;

/**
 * The schema's history, step by step; docs/store-sqlite.md is its specification. Times are NT time (100 ns
 * intervals since 1601-01-01 UTC) and durations 100 ns intervals, both INTEGER; NULL means "not set" or "never".
 */
final class Schema {
    private Schema() {}

    private static final Migration V1 = new Migration(1, "initial schema", List.of(
            """
            CREATE TABLE domain (
                singleton                  INTEGER PRIMARY KEY CHECK (singleton = 1),
                name                       TEXT    NOT NULL,
                sid                        TEXT    NOT NULL,
                machine_name               TEXT    NOT NULL,
                min_password_length        INTEGER NOT NULL CHECK (min_password_length BETWEEN 0 AND 256),
                min_password_age           INTEGER NOT NULL CHECK (min_password_age >= 0),
                max_password_age           INTEGER          CHECK (max_password_age >= 0),
                lockout_threshold          INTEGER NOT NULL CHECK (lockout_threshold BETWEEN 0 AND 65535),
                lockout_duration           INTEGER          CHECK (lockout_duration >= 0),
                lockout_observation_window INTEGER NOT NULL CHECK (lockout_observation_window >= 0),
                lockout_admins             INTEGER NOT NULL CHECK (lockout_admins IN (0, 1)),
                quota_paged_pool_bytes     INTEGER NOT NULL,
                quota_non_paged_pool_bytes INTEGER NOT NULL,
                quota_min_working_set_bytes INTEGER NOT NULL,
                quota_max_working_set_bytes INTEGER NOT NULL,
                quota_pagefile_bytes       INTEGER NOT NULL,
                quota_time_limit           INTEGER NOT NULL
            ) STRICT""",
            """
            CREATE TABLE rid_counter (
                singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
                next_rid  INTEGER NOT NULL CHECK (next_rid BETWEEN 1000 AND 4294967296)
            ) STRICT""",
            "INSERT INTO rid_counter (singleton, next_rid) VALUES (1, 1000)",
            """
            CREATE TABLE account_names (
                namespace TEXT    NOT NULL CHECK (namespace IN ('ACCOUNT', 'BUILTIN')),
                rid       INTEGER NOT NULL CHECK (rid BETWEEN 0 AND 4294967295),
                kind      TEXT    NOT NULL CHECK (kind IN ('USER', 'GROUP', 'ALIAS')),
                name_key  TEXT    NOT NULL,
                PRIMARY KEY (namespace, rid),
                UNIQUE (namespace, name_key),
                CHECK (namespace = 'ACCOUNT' OR kind = 'ALIAS')
            ) STRICT""",
            """
            CREATE TABLE users (
                rid                  INTEGER PRIMARY KEY CHECK (rid BETWEEN 0 AND 4294967295),
                sid                  TEXT    NOT NULL UNIQUE,
                name                 TEXT    NOT NULL,
                full_name            TEXT    NOT NULL,
                description          TEXT    NOT NULL,
                flags                INTEGER NOT NULL,
                account_expires      INTEGER,
                password_last_set    INTEGER,
                logon_hours_units    INTEGER NOT NULL CHECK (logon_hours_units BETWEEN 1 AND 10080),
                logon_hours_bitmap   BLOB    NOT NULL CHECK (length(logon_hours_bitmap) = (logon_hours_units + 7) / 8),
                workstations         TEXT    NOT NULL,
                home_directory       TEXT    NOT NULL,
                home_directory_drive TEXT    NOT NULL,
                profile_path         TEXT    NOT NULL,
                logon_script         TEXT    NOT NULL,
                primary_group_rid    INTEGER NOT NULL,
                unix_uid             INTEGER UNIQUE CHECK (unix_uid BETWEEN 0 AND 4294967295),
                nt_hash              BLOB    CHECK (nt_hash IS NULL OR length(nt_hash) = 16),
                bad_password_count   INTEGER NOT NULL CHECK (bad_password_count >= 0),
                bad_password_time    INTEGER,
                lockout_time         INTEGER,
                last_logon           INTEGER,
                logon_count          INTEGER NOT NULL CHECK (logon_count >= 0)
            ) STRICT""",
            "CREATE INDEX users_by_primary_group ON users (primary_group_rid)",
            """
            CREATE TABLE global_groups (
                rid         INTEGER PRIMARY KEY CHECK (rid BETWEEN 0 AND 4294967295),
                sid         TEXT    NOT NULL UNIQUE,
                name        TEXT    NOT NULL,
                description TEXT    NOT NULL
            ) STRICT""",
            """
            CREATE TABLE group_members (
                group_rid INTEGER NOT NULL REFERENCES global_groups (rid) ON DELETE CASCADE,
                user_rid  INTEGER NOT NULL REFERENCES users (rid) ON DELETE CASCADE,
                PRIMARY KEY (group_rid, user_rid)
            ) STRICT, WITHOUT ROWID""",
            "CREATE INDEX group_members_by_user ON group_members (user_rid)",
            """
            CREATE TABLE aliases (
                sid         TEXT    PRIMARY KEY,
                namespace   TEXT    NOT NULL CHECK (namespace IN ('ACCOUNT', 'BUILTIN')),
                rid         INTEGER NOT NULL CHECK (rid BETWEEN 0 AND 4294967295),
                name        TEXT    NOT NULL,
                description TEXT    NOT NULL,
                UNIQUE (namespace, rid)
            ) STRICT, WITHOUT ROWID""",
            """
            CREATE TABLE alias_members (
                alias_sid  TEXT NOT NULL REFERENCES aliases (sid) ON DELETE CASCADE,
                member_sid TEXT NOT NULL,
                PRIMARY KEY (alias_sid, member_sid)
            ) STRICT, WITHOUT ROWID""",
            "CREATE INDEX alias_members_by_member ON alias_members (member_sid)",
            """
            CREATE TABLE account_rights (
                sid        TEXT NOT NULL,
                right_name TEXT NOT NULL,
                PRIMARY KEY (sid, right_name)
            ) STRICT, WITHOUT ROWID"""));

    /**
     * NTLM network logons: the domain's NTLM policy (defaults: NTLMv2 only, no LAN Manager, anonymous allowed) and
     * the LM hash, stored only while LAN Manager authentication is allowed.
     */
    private static final Migration V2 = new Migration(2, "NTLM policy and LM hashes", List.of(
            "ALTER TABLE domain ADD COLUMN ntlm_level TEXT NOT NULL DEFAULT 'NTLMV2_ONLY' CHECK (ntlm_level IN "
                    + "('NTLMV1_PERMITTED', 'MSCHAPV2_AND_NTLMV2_ONLY', 'NTLMV2_ONLY', 'DISABLED'))",
            "ALTER TABLE domain ADD COLUMN lanman_auth INTEGER NOT NULL DEFAULT 0 CHECK (lanman_auth IN (0, 1))",
            "ALTER TABLE domain ADD COLUMN anonymous_logon INTEGER NOT NULL DEFAULT 1 CHECK (anonymous_logon IN (0, 1))",
            "ALTER TABLE users ADD COLUMN lm_hash BLOB CHECK (lm_hash IS NULL OR length(lm_hash) = 16)"));

    /**
     * The embedded KDC: the realm and Kerberos policy of the domain (defaults: AES only, Windows' lifetimes), each
     * user's Kerberos keys, service principal names and constrained-delegation targets. The data step gives an
     * existing domain its default realm and the krbtgt account with random keys ({@link KerberosBackfill}).
     */
    private static final Migration V3 = new Migration(3, "Kerberos: realm, policy, keys, SPNs, delegation", List.of(
            "ALTER TABLE domain ADD COLUMN realm TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE domain ADD COLUMN kerberos_enctypes TEXT NOT NULL DEFAULT '18,17,20,19'",
            "ALTER TABLE domain ADD COLUMN kerberos_max_ticket_age INTEGER NOT NULL DEFAULT 360000000000 "
                    + "CHECK (kerberos_max_ticket_age > 0)",
            "ALTER TABLE domain ADD COLUMN kerberos_max_renew_age INTEGER NOT NULL DEFAULT 6048000000000 "
                    + "CHECK (kerberos_max_renew_age >= 0)",
            "ALTER TABLE domain ADD COLUMN kerberos_max_service_ticket_age INTEGER NOT NULL DEFAULT 360000000000 "
                    + "CHECK (kerberos_max_service_ticket_age > 0)",
            "ALTER TABLE domain ADD COLUMN kerberos_max_clock_skew INTEGER NOT NULL DEFAULT 3000000000 "
                    + "CHECK (kerberos_max_clock_skew >= 0)",
            "ALTER TABLE domain ADD COLUMN kerberos_preauth_required INTEGER NOT NULL DEFAULT 1 "
                    + "CHECK (kerberos_preauth_required IN (0, 1))",
            """
            CREATE TABLE kerberos_keys (
                user_rid INTEGER NOT NULL REFERENCES users (rid) ON DELETE CASCADE,
                position INTEGER NOT NULL CHECK (position >= 0),
                kvno     INTEGER NOT NULL CHECK (kvno BETWEEN 0 AND 2147483647),
                enctype  INTEGER NOT NULL,
                salt     BLOB    NOT NULL,
                key      BLOB    NOT NULL CHECK (length(key) IN (16, 32)),
                PRIMARY KEY (user_rid, position),
                UNIQUE (user_rid, enctype)
            ) STRICT, WITHOUT ROWID""",
            """
            CREATE TABLE service_principal_names (
                spn_key  TEXT    NOT NULL UNIQUE,
                spn      TEXT    NOT NULL,
                user_rid INTEGER NOT NULL REFERENCES users (rid) ON DELETE CASCADE
            ) STRICT""",
            "CREATE INDEX service_principal_names_by_user ON service_principal_names (user_rid)",
            """
            CREATE TABLE allowed_to_delegate_to (
                user_rid INTEGER NOT NULL REFERENCES users (rid) ON DELETE CASCADE,
                position INTEGER NOT NULL CHECK (position >= 0),
                spn      TEXT    NOT NULL,
                spn_key  TEXT    NOT NULL,
                PRIMARY KEY (user_rid, position),
                UNIQUE (user_rid, spn_key)
            ) STRICT, WITHOUT ROWID"""), KerberosBackfill::run);

    /**
     * Password complexity and history (Active Directory's "Password must meet complexity requirements" and "Enforce
     * password history") and each user's remembered NT hashes. An existing domain gets both off (the column
     * defaults), so that an upgrade does not start refusing passwords its users have been choosing; a new domain
     * gets DomainPolicy.DEFAULT's values from its insert.
     */
    private static final Migration V4 = new Migration(4, "password complexity and history", List.of(
            "ALTER TABLE domain ADD COLUMN password_complexity INTEGER NOT NULL DEFAULT 0 "
                    + "CHECK (password_complexity IN (0, 1))",
            "ALTER TABLE domain ADD COLUMN password_history_length INTEGER NOT NULL DEFAULT 0 "
                    + "CHECK (password_history_length BETWEEN 0 AND 24)",
            """
            CREATE TABLE password_history (
                user_rid INTEGER NOT NULL REFERENCES users (rid) ON DELETE CASCADE,
                position INTEGER NOT NULL CHECK (position BETWEEN 0 AND 23),
                nt_hash  BLOB    NOT NULL CHECK (length(nt_hash) = 16),
                PRIMARY KEY (user_rid, position)
            ) STRICT, WITHOUT ROWID"""));

    /** Every released step, oldest first. */
    static final List<Migration> STEPS = List.of(V1, V2, V3, V4);
}
