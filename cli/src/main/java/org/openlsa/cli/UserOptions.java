package org.openlsa.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.sam.AccountFlag;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.GroupAccount;
import org.openlsa.sam.LogonHours;
import org.openlsa.sam.UserAccount;
import picocli.CommandLine.Option;

/** The account attributes {@code user add} and {@code user set} take; an option left out changes nothing. */
final class UserOptions {
    @Option(names = "--full-name", paramLabel = "TEXT") String fullName;
    @Option(names = "--description", paramLabel = "TEXT") String description;
    @Option(names = "--disabled", negatable = true, description = "Disable (or with --no-disabled enable) the account.")
    Boolean disabled;
    @Option(names = "--password-never-expires", negatable = true) Boolean neverExpires;
    @Option(names = "--password-not-required", negatable = true) Boolean notRequired;
    @Option(names = "--must-change-password", negatable = true, description = "Require a password change at next logon.")
    Boolean mustChange;
    @Option(names = "--smartcard-required", negatable = true) Boolean smartcard;
    @Option(names = "--trusted-for-delegation", negatable = true, description = "Unconstrained delegation: tickets to "
            + "this account's services are marked OK-AS-DELEGATE.") Boolean trustedForDelegation;
    @Option(names = "--trusted-to-auth-for-delegation", negatable = true, description = "Protocol transition: the "
            + "account's S4U2Self tickets are forwardable, so S4U2Proxy can use them.") Boolean trustedToAuth;
    @Option(names = "--not-delegated", negatable = true, description = "Sensitive account: its tickets are never "
            + "forwardable, so no service can delegate it.") Boolean notDelegated;
    @Option(names = "--dont-require-preauth", negatable = true, description = "Kerberos AS requests for this account "
            + "need no pre-authentication (exposes it to offline guessing; for old clients only).") Boolean noPreauth;
    @Option(names = "--expires", paramLabel = "DATE|never",
            description = "Account expiry: a UTC date (the account works through that day), an instant, or never.")
    String expires;
    @Option(names = "--logon-hours", paramLabel = "SPEC",
            description = "UTC hours: 'always', 'never', 'Mon-Fri 08-18; Sat 09-12' or 'hex:<42 hex digits>'.")
    String logonHours;
    @Option(names = "--workstations", paramLabel = "LIST", description = "Comma-separated workstation names; '' for any.")
    String workstations;
    @Option(names = "--home", paramLabel = "DIR") String home;
    @Option(names = "--home-drive", paramLabel = "X:") String homeDrive;
    @Option(names = "--profile-path", paramLabel = "PATH") String profilePath;
    @Option(names = "--script", paramLabel = "PATH", description = "Logon script.") String script;
    @Option(names = "--uid", paramLabel = "UID|none", description = "Link the account to a Unix uid.") String uid;
    @Option(names = "--primary-group", paramLabel = "GROUP") String primaryGroup;

    /** Applies the options given; validation errors surface as IllegalArgumentException or LsaException. */
    UserAccount.Builder apply(UserAccount.Builder b, AccountStore store) throws LsaException {
        if (fullName != null) {
            b.fullName(fullName);
        }
        if (description != null) {
            b.description(description);
        }
        flag(b, AccountFlag.DISABLED, disabled);
        flag(b, AccountFlag.PASSWORD_NEVER_EXPIRES, neverExpires);
        flag(b, AccountFlag.PASSWORD_NOT_REQUIRED, notRequired);
        flag(b, AccountFlag.MUST_CHANGE_PASSWORD, mustChange);
        flag(b, AccountFlag.SMARTCARD_REQUIRED, smartcard);
        flag(b, AccountFlag.TRUSTED_FOR_DELEGATION, trustedForDelegation);
        flag(b, AccountFlag.TRUSTED_TO_AUTH_FOR_DELEGATION, trustedToAuth);
        flag(b, AccountFlag.NOT_DELEGATED, notDelegated);
        flag(b, AccountFlag.DONT_REQUIRE_PREAUTH, noPreauth);
        if (expires != null) {
            b.accountExpires(parseExpiry(expires));
        }
        if (logonHours != null) {
            b.logonHours(LogonHours.parse(logonHours));
        }
        if (workstations != null) {
            b.workstations(workstations.isBlank() ? List.of()
                    : Arrays.stream(workstations.split(",")).map(String::strip).toList());
        }
        if (home != null) {
            b.homeDirectory(home);
        }
        if (homeDrive != null) {
            b.homeDirectoryDrive(homeDrive.toUpperCase(Locale.ROOT));
        }
        if (profilePath != null) {
            b.profilePath(profilePath);
        }
        if (script != null) {
            b.logonScript(script);
        }
        if (uid != null) {
            b.unixUid(uid.equalsIgnoreCase("none") ? OptionalLong.empty() : OptionalLong.of(parseUid(uid)));
        }
        if (primaryGroup != null) {
            GroupAccount g = store.findGroup(primaryGroup).orElseThrow(() ->
                    new LsaException(NtStatus.NO_SUCH_GROUP, "no group named '" + primaryGroup + "'"));
            b.primaryGroupRid(g.rid());
        }
        return b;
    }

    private static void flag(UserAccount.Builder b, AccountFlag f, Boolean v) {
        if (v != null) {
            b.flag(f, v);
        }
    }

    private static long parseUid(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--uid takes a number or 'none', not '" + s + "'");
        }
    }

    static Optional<Instant> parseExpiry(String s) {
        if (s.equalsIgnoreCase("never")) {
            return Optional.empty();
        }
        try {
            if (s.length() == 10) {
                return Optional.of(LocalDate.parse(s).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            return Optional.of(Instant.parse(s));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("--expires takes YYYY-MM-DD, an ISO instant or 'never', not '" + s + "'");
        }
    }
}
