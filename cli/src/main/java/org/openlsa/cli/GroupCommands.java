package org.openlsa.cli;

import java.util.concurrent.Callable;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.GroupAccount;
import org.openlsa.sam.UserAccount;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lsa group ...}: global groups of the domain, whose members are users. */
@Command(name = "group", mixinStandardHelpOptions = true, description = "Manage global groups (members are users).",
        subcommands = {GroupCommands.Add.class, GroupCommands.Delete.class, GroupCommands.ListGroups.class,
            GroupCommands.Members.class, GroupCommands.AddMember.class, GroupCommands.RemoveMember.class})
final class GroupCommands {

    static GroupAccount find(AccountStore store, String name) throws LsaException {
        return store.findGroup(name).orElseThrow(() -> new LsaException(NtStatus.NO_SUCH_GROUP, "no group named '" + name + "'"));
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Create a global group.")
    static final class Add extends Cmd implements Callable<Integer> {
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = "--description", paramLabel = "TEXT", defaultValue = "") String description;

        @Override
        public Integer call() throws Exception {
            try (AccountStore store = openStore()) {
                GroupAccount g = store.transact(s -> {
                    long rid = s.allocateRid();
                    GroupAccount created = new GroupAccount(rid, s.domain().sid().append(rid), name, description);
                    s.createGroup(created);
                    return created;
                });
                out().printf("Created group %s\\%s (%s)%n", store.domain().name(), g.name(), g.sid());
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a global group.")
    static final class Delete extends Cmd implements Callable<Integer> {
        @Parameters(paramLabel = "NAME") String name;

        @Override
        public Integer call() throws Exception {
            try (AccountStore store = openStore()) {
                GroupAccount g = find(store, name);
                store.deleteGroup(g.rid());
                out().printf("Deleted group %s%n", g.name());
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List global groups.")
    static final class ListGroups extends Cmd implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            try (AccountStore store = openStore()) {
                for (GroupAccount g : store.listGroups()) {
                    out().printf("%-6d %-30s %s%n", g.rid(), g.name(), g.sid());
                }
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "members", mixinStandardHelpOptions = true, description = "List the users of a group.")
    static final class Members extends Cmd implements Callable<Integer> {
        @Parameters(paramLabel = "GROUP") String name;

        @Override
        public Integer call() throws Exception {
            try (AccountStore store = openStore()) {
                for (long rid : store.groupMembers(find(store, name).rid())) {
                    out().println(store.findUser(rid).map(UserAccount::name).orElse("RID " + rid));
                }
            }
            return ExitCode.OK;
        }
    }

    /** Adding and removing a member differ only in the store call and the verb. */
    abstract static class Membership extends Cmd implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "GROUP") String group;
        @Parameters(index = "1", paramLabel = "USER") String user;

        abstract void apply(AccountStore store, long groupRid, long userRid) throws LsaException;

        abstract String done();

        @Override
        public Integer call() throws Exception {
            try (AccountStore store = openStore()) {
                apply(store, find(store, group).rid(), UserCommands.find(store, user).rid());
                out().printf("%s %s: %s%n", done(), user, group);
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "addmember", mixinStandardHelpOptions = true, description = "Add a user to a group.")
    static final class AddMember extends Membership {
        @Override
        void apply(AccountStore store, long groupRid, long userRid) throws LsaException {
            store.addGroupMember(groupRid, userRid);
        }

        @Override
        String done() {
            return "Added";
        }
    }

    @Command(name = "removemember", mixinStandardHelpOptions = true, description = "Remove a user from a group.")
    static final class RemoveMember extends Membership {
        @Override
        void apply(AccountStore store, long groupRid, long userRid) throws LsaException {
            store.removeGroupMember(groupRid, userRid);
        }

        @Override
        String done() {
            return "Removed";
        }
    }
}
