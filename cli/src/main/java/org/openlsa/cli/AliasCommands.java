package org.openlsa.cli;

import java.util.concurrent.Callable;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.core.Sid;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.AliasAccount;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lsa alias ...}: local groups (BUILTIN and the domain's own), whose members are any principals. */
@Command(name = "alias", mixinStandardHelpOptions = true,
        description = "Manage local groups (aliases): BUILTIN\\Administrators and friends, and your own.",
        subcommands = {AliasCommands.Add.class, AliasCommands.Delete.class, AliasCommands.ListAliases.class,
            AliasCommands.Members.class, AliasCommands.AddMember.class, AliasCommands.RemoveMember.class})
final class AliasCommands {

    static AliasAccount find(AccountStore store, String name) throws LsaException {
        String n = name.regionMatches(true, 0, "BUILTIN\\", 0, 8) ? name.substring(8) : name;
        if (n.regionMatches(true, 0, "S-", 0, 2) && Sid.isValid(n)) {
            return store.findAlias(Sid.parse(n)).orElseThrow(() -> noSuch(name));
        }
        return store.findAlias(n).orElseThrow(() -> noSuch(name));
    }

    private static LsaException noSuch(String name) {
        return new LsaException(NtStatus.NO_SUCH_ALIAS, "no alias named '" + name + "'");
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Create an alias in the account domain.")
    static final class Add extends Cmd implements Callable<Integer> {
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = "--description", paramLabel = "TEXT", defaultValue = "") String description;

        @Override
        public Integer call() throws Exception {
            try (AccountStore store = openStore()) {
                AliasAccount a = store.transact(s -> {
                    long rid = s.allocateRid();
                    AliasAccount created = new AliasAccount(s.domain().sid().append(rid), name, description);
                    s.createAlias(created);
                    return created;
                });
                out().printf("Created alias %s (%s)%n", a.qualifiedName(store.domain().name()), a.sid());
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an alias.")
    static final class Delete extends Cmd implements Callable<Integer> {
        @Parameters(paramLabel = "NAME") String name;

        @Override
        public Integer call() throws Exception {
            try (AccountStore store = openStore()) {
                AliasAccount a = find(store, name);
                store.deleteAlias(a.sid());
                out().printf("Deleted alias %s%n", a.qualifiedName(store.domain().name()));
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List aliases.")
    static final class ListAliases extends Cmd implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            try (AccountStore store = openStore()) {
                for (AliasAccount a : store.listAliases()) {
                    out().printf("%-45s %s%n", a.qualifiedName(store.domain().name()), a.sid());
                }
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "members", mixinStandardHelpOptions = true, description = "List an alias's direct members.")
    static final class Members extends Cmd implements Callable<Integer> {
        @Parameters(paramLabel = "ALIAS") String name;

        @Override
        public Integer call() throws Exception {
            try (AccountStore store = openStore()) {
                SidNames names = new SidNames(store);
                for (Sid member : store.aliasMembers(find(store, name).sid())) {
                    out().printf("%-45s %s%n", names.lookup(member).name(), member);
                }
            }
            return ExitCode.OK;
        }
    }

    /** Adding and removing a member differ only in the store call and the verb. */
    abstract static class Membership extends Cmd implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ALIAS") String alias;
        @Parameters(index = "1", paramLabel = "MEMBER") String member;

        abstract void apply(AccountStore store, Sid alias, Sid member) throws LsaException;

        abstract String done();

        @Override
        public Integer call() throws Exception {
            try (AccountStore store = openStore()) {
                Sid m = new SidNames(store).resolve(member);
                apply(store, find(store, alias).sid(), m);
                out().printf("%s %s (%s): %s%n", done(), member, m, alias);
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "addmember", mixinStandardHelpOptions = true,
            description = "Add a member: a user, group, alias, well-known name (INTERACTIVE, 'NT AUTHORITY\\Authenticated Users') or SID.")
    static final class AddMember extends Membership {
        @Override
        void apply(AccountStore store, Sid alias, Sid member) throws LsaException {
            store.addAliasMember(alias, member);
        }

        @Override
        String done() {
            return "Added";
        }
    }

    @Command(name = "removemember", mixinStandardHelpOptions = true, description = "Remove a member of an alias.")
    static final class RemoveMember extends Membership {
        @Override
        void apply(AccountStore store, Sid alias, Sid member) throws LsaException {
            store.removeAliasMember(alias, member);
        }

        @Override
        String done() {
            return "Removed";
        }
    }
}
