package org.openlsa.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.sam.AccountFlag;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.GroupAccount;
import org.openlsa.sam.KerberosKeySet;
import org.openlsa.sam.Lockout;
import org.openlsa.sam.Passwords;
import org.openlsa.sam.SecurityEvent;
import org.openlsa.sam.UserAccount;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lsa user ...}: user accounts. */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage user accounts.",
        subcommands = {UserCommands.Add.class, UserCommands.Set.class, UserCommands.Passwd.class,
            UserCommands.Unlock.class, UserCommands.Show.class, UserCommands.ListUsers.class, UserCommands.Delete.class})
final class UserCommands {

    static UserAccount find(AccountStore store, String name) throws LsaException {
        return store.findUser(name).orElseThrow(() -> new LsaException(NtStatus.NO_SUCH_USER, "no user named '" + name + "'"));
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Create a user (RID from 1000).")
    static final class Add extends Cmd implements java.util.concurrent.Callable<Integer> {
        @Parameters(paramLabel = "NAME") String name;
        @Mixin UserOptions options;
        @ArgGroup(exclusive = false) PasswordInput password = new PasswordInput();
        @Option(names = "--no-password", description = "Create the account without a password (it cannot log on until one is set).")
        boolean noPassword;

        @Override
        public Integer call() throws Exception {
            if (noPassword && password.given()) {
                throw new IllegalArgumentException("--no-password contradicts --password-stdin/--password-file");
            }
            try (AccountStore store = openStore();
                 SecretBytes pw = noPassword ? null : password.read("Password for " + name, true)) {
                Instant now = Instant.now();
                UserAccount u = store.transact(s -> {
                    long rid = s.allocateRid();
                    UserAccount.Builder b = UserAccount.newAccount(s.domain().sid(), rid, name);
                    if (pw != null) {
                        b.passwordLastSet(Optional.of(now));
                    }
                    UserAccount created = options.apply(b, s).build();
                    s.createUser(created, Optional.empty());
                    if (pw != null) {
                        Passwords.set(s, rid, pw, now, created.has(AccountFlag.MUST_CHANGE_PASSWORD));
                    }
                    return s.findUser(rid).orElseThrow();
                });
                out().printf("Created %s\\%s (%s)%n", store.domain().name(), u.name(), u.sid());
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Change a user's attributes.")
    static final class Set extends Cmd implements java.util.concurrent.Callable<Integer> {
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = "--rename", paramLabel = "NEWNAME") String rename;
        @Mixin UserOptions options;

        @Override
        public Integer call() throws Exception {
            try (AccountStore store = openStore()) {
                UserAccount u = find(store, name);
                java.util.concurrent.atomic.AtomicReference<UserAccount> before = new java.util.concurrent.atomic.AtomicReference<>();
                UserAccount after = store.transact(s -> {
                    // Apply the options to the account as read inside the transaction, not to the copy above.
                    UserAccount current = s.findUser(u.rid()).orElseThrow();
                    before.set(current);
                    UserAccount.Builder b = options.apply(current.toBuilder(), s);
                    if (rename != null) {
                        b.name(rename);
                    }
                    UserAccount changed = b.build();
                    return s.updateUser(u.rid(), x -> changed);
                });
                List<String> changed = AdminAudit.changed(before.get(), after);
                if (!changed.isEmpty()) {
                    AdminAudit.record(state(), SecurityEvent.ACCOUNT_CHANGED, "accountChange", NtStatus.SUCCESS, after,
                            store.domain(), changed);
                }
                out().printf("Updated %s\\%s%n", store.domain().name(), after.name());
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true, description = "Set a user's password (administrator reset).")
    static final class Passwd extends Cmd implements java.util.concurrent.Callable<Integer> {
        @Parameters(paramLabel = "NAME") String name;
        @ArgGroup(exclusive = false) PasswordInput password = new PasswordInput();
        @Option(names = "--must-change", description = "Require the user to change it at next logon.") boolean mustChange;

        @Override
        public Integer call() throws Exception {
            try (AccountStore store = openStore()) {
                UserAccount u = find(store, name);
                try (SecretBytes pw = password.read("New password for " + name, true)) {
                    Passwords.set(store, u.rid(), pw, Instant.now(), mustChange);
                } catch (LsaException e) {
                    AdminAudit.record(state(), SecurityEvent.PASSWORD_RESET, "passwordReset", e.status(), u,
                            store.domain(), List.of());
                    throw e;
                }
                AdminAudit.record(state(), SecurityEvent.PASSWORD_RESET, "passwordReset", NtStatus.SUCCESS, u,
                        store.domain(), List.of());
                out().printf("Password set for %s\\%s%n", store.domain().name(), u.name());
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "unlock", mixinStandardHelpOptions = true, description = "Clear a lockout and the bad-password count.")
    static final class Unlock extends Cmd implements java.util.concurrent.Callable<Integer> {
        @Parameters(paramLabel = "NAME") String name;

        @Override
        public Integer call() throws Exception {
            try (AccountStore store = openStore()) {
                UserAccount u = find(store, name);
                store.updateLogonState(u.rid(), s -> s.unlocked());
                AdminAudit.record(state(), AdminAudit.ACCOUNT_UNLOCKED, "unlock", NtStatus.SUCCESS, u, store.domain(),
                        List.of());
                out().printf("Unlocked %s\\%s%n", store.domain().name(), u.name());
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a user with its memberships and rights.")
    static final class Delete extends Cmd implements java.util.concurrent.Callable<Integer> {
        @Parameters(paramLabel = "NAME") String name;

        @Override
        public Integer call() throws Exception {
            try (AccountStore store = openStore()) {
                UserAccount u = find(store, name);
                store.deleteUser(u.rid());
                out().printf("Deleted %s\\%s (%s)%n", store.domain().name(), u.name(), u.sid());
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one user.")
    static final class Show extends Cmd implements java.util.concurrent.Callable<Integer> {
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = "--json") boolean json;

        @Override
        public Integer call() throws Exception {
            try (AccountStore store = openStore()) {
                UserAccount u = find(store, name);
                List<String> groups = store.groupsOfUser(u.rid()).stream().map(GroupAccount::name).toList();
                boolean locked = Lockout.isLockedOut(u, u.logonState(), store.domain().policy(), Instant.now());
                if (json) {
                    try (JsonGenerator g = json()) {
                        writeUser(g, u, groups, locked, store);
                    }
                    out().println();
                } else {
                    printUser(out(), u, groups, locked, store);
                }
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List users.")
    static final class ListUsers extends Cmd implements java.util.concurrent.Callable<Integer> {
        @Option(names = "--json") boolean json;

        @Override
        public Integer call() throws Exception {
            try (AccountStore store = openStore()) {
                List<UserAccount> users = store.listUsers();
                Instant now = Instant.now();
                if (json) {
                    try (JsonGenerator g = json()) {
                        g.writeStartArray();
                        for (UserAccount u : users) {
                            writeUser(g, u, store.groupsOfUser(u.rid()).stream().map(GroupAccount::name).toList(),
                                    Lockout.isLockedOut(u, u.logonState(), store.domain().policy(), now), store);
                        }
                        g.writeEndArray();
                    }
                    out().println();
                } else {
                    out().printf("%-6s %-20s %-30s %s%n", "RID", "Name", "Full name", "Flags");
                    for (UserAccount u : users) {
                        out().printf("%-6d %-20s %-30s %s%n", u.rid(), u.name(), u.fullName(), flags(u));
                    }
                }
            }
            return ExitCode.OK;
        }
    }

    static String flags(UserAccount u) {
        return u.flags().stream().map(f -> f.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                .sorted().collect(Collectors.joining(","));
    }

    private static String instant(Optional<Instant> i, String none) {
        return i.map(Instant::toString).orElse(none);
    }

    static void printUser(PrintWriter out, UserAccount u, List<String> groups, boolean locked, AccountStore store)
            throws LsaException {
        String primary = store.findGroup(u.primaryGroupRid()).map(GroupAccount::name).orElse("RID " + u.primaryGroupRid());
        out.printf("User name            %s%n", u.name());
        out.printf("SID                  %s%n", u.sid());
        out.printf("Full name            %s%n", u.fullName());
        out.printf("Description          %s%n", u.description());
        out.printf("Flags                %s%n", flags(u).isEmpty() ? "-" : flags(u));
        out.printf("Account expires      %s%n", instant(u.accountExpires(), "never"));
        out.printf("Password last set    %s%n", instant(u.passwordLastSet(), "never (must change)"));
        out.printf("Logon hours (UTC)    %s%n", u.logonHours().toSpec());
        out.printf("Workstations         %s%n", u.workstations().isEmpty() ? "all" : String.join(",", u.workstations()));
        out.printf("Home directory       %s%n", u.homeDirectory());
        out.printf("Home drive           %s%n", u.homeDirectoryDrive());
        out.printf("Profile path         %s%n", u.profilePath());
        out.printf("Logon script         %s%n", u.logonScript());
        out.printf("Primary group        %s%n", primary);
        out.printf("Groups               %s%n", groups.isEmpty() ? "-" : String.join(", ", groups));
        out.printf("Unix uid             %s%n", u.unixUid().isPresent() ? Long.toString(u.unixUid().getAsLong()) : "-");
        out.printf("Kerberos keys        %s%n", keySummary(store, u).map(k -> "kvno " + k.kvno() + ": "
                + Enctypes.names(k.enctypes())).orElse("none"));
        List<String> spns = store.servicePrincipalNames(u.rid());
        List<String> delegation = store.allowedToDelegateTo(u.rid());
        out.printf("Service principals   %s%n", spns.isEmpty() ? "-" : String.join(", ", spns));
        out.printf("Delegates to         %s%n", delegation.isEmpty() ? "-" : String.join(", ", delegation));
        out.printf("Last logon           %s%n", instant(u.logonState().lastLogon(), "never"));
        out.printf("Logon count          %d%n", u.logonState().logonCount());
        out.printf("Bad password count   %d%n", u.logonState().badPasswordCount());
        out.printf("Locked out           %s%n", locked ? "yes, since " + u.logonState().lockoutTime().orElseThrow() : "no");
    }

    static void writeUser(JsonGenerator g, UserAccount u, List<String> groups, boolean locked, AccountStore store)
            throws Exception {
        g.writeStartObject();
        g.writeNumberField("rid", u.rid());
        g.writeStringField("sid", u.sid().toString());
        g.writeStringField("name", u.name());
        g.writeStringField("fullName", u.fullName());
        g.writeStringField("description", u.description());
        g.writeArrayFieldStart("flags");
        for (AccountFlag f : u.flags().stream().sorted().toList()) {
            g.writeString(f.name());
        }
        g.writeEndArray();
        writeOptional(g, "accountExpires", u.accountExpires());
        writeOptional(g, "passwordLastSet", u.passwordLastSet());
        g.writeStringField("logonHours", u.logonHours().toSpec());
        g.writeArrayFieldStart("workstations");
        for (String w : u.workstations()) {
            g.writeString(w);
        }
        g.writeEndArray();
        g.writeStringField("homeDirectory", u.homeDirectory());
        g.writeStringField("homeDirectoryDrive", u.homeDirectoryDrive());
        g.writeStringField("profilePath", u.profilePath());
        g.writeStringField("logonScript", u.logonScript());
        g.writeStringField("primaryGroup", store.findGroup(u.primaryGroupRid()).map(GroupAccount::name)
                .orElse(Long.toString(u.primaryGroupRid())));
        g.writeArrayFieldStart("groups");
        for (String n : groups) {
            g.writeString(n);
        }
        g.writeEndArray();
        if (u.unixUid().isPresent()) {
            g.writeNumberField("unixUid", u.unixUid().getAsLong());
        } else {
            g.writeNullField("unixUid");
        }
        Optional<KeySummary> keys = keySummary(store, u);
        if (keys.isPresent()) {
            g.writeObjectFieldStart("kerberosKeys");
            g.writeNumberField("kvno", keys.get().kvno());
            g.writeArrayFieldStart("enctypes");
            for (int e : keys.get().enctypes()) {
                g.writeString(Enctypes.name(e));
            }
            g.writeEndArray();
            g.writeEndObject();
        } else {
            g.writeNullField("kerberosKeys");
        }
        writeStrings(g, "servicePrincipalNames", store.servicePrincipalNames(u.rid()));
        writeStrings(g, "allowedToDelegateTo", store.allowedToDelegateTo(u.rid()));
        writeOptional(g, "lastLogon", u.logonState().lastLogon());
        g.writeNumberField("logonCount", u.logonState().logonCount());
        g.writeNumberField("badPasswordCount", u.logonState().badPasswordCount());
        g.writeBooleanField("lockedOut", locked);
        g.writeEndObject();
    }

    /** The key version and enctypes of a user's Kerberos keys, without the keys. */
    record KeySummary(int kvno, List<Integer> enctypes) {}

    static Optional<KeySummary> keySummary(AccountStore store, UserAccount u) throws LsaException {
        Optional<KerberosKeySet> keys = store.kerberosKeys(u.rid());
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        try (KerberosKeySet k = keys.get()) {
            return k.keys().isEmpty() ? Optional.empty() : Optional.of(new KeySummary(k.kvno(), k.enctypes()));
        }
    }

    static void writeStrings(JsonGenerator g, String field, List<String> values) throws java.io.IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void writeOptional(JsonGenerator g, String field, Optional<Instant> v) throws java.io.IOException {
        if (v.isPresent()) {
            g.writeStringField(field, v.get().toString());
        } else {
            g.writeNullField(field);
        }
    }
}
