package org.openlsa.cli;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.core.Sid;
import org.openlsa.sam.AccountRight;
import org.openlsa.sam.AccountStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code lsa rights ...}: privileges and logon rights of the LSA policy (LsaAddAccountRights and friends). */
@Command(name = "rights", mixinStandardHelpOptions = true,
        description = "Grant, revoke and list account rights: privileges (SeTcbPrivilege, ...) and logon rights (SeBatchLogonRight, ...).",
        subcommands = {RightsCommands.Grant.class, RightsCommands.Revoke.class, RightsCommands.ListRights.class})
final class RightsCommands {

    static AccountRight right(String name) throws LsaException {
        return AccountRight.byName(name).orElseThrow(() -> new LsaException(NtStatus.NO_SUCH_PRIVILEGE,
                "'" + name + "' is neither a privilege nor a logon right (e.g. SeTcbPrivilege, SeBatchLogonRight)"));
    }

    /** Grant and revoke differ only in the store call and the verb. */
    abstract static class Change extends Cmd implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "RIGHT") String right;
        @Parameters(index = "1", paramLabel = "PRINCIPAL") String principal;

        abstract void apply(AccountStore store, Sid sid, AccountRight r) throws LsaException;

        abstract String done();

        @Override
        public Integer call() throws Exception {
            try (AccountStore store = openStore()) {
                AccountRight r = right(right);
                Sid sid = new SidNames(store).resolve(principal);
                apply(store, sid, r);
                out().printf("%s %s: %s (%s)%n", done(), r, principal, sid);
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "grant", mixinStandardHelpOptions = true, description = "Grant RIGHT to PRINCIPAL.")
    static final class Grant extends Change {
        @Override
        void apply(AccountStore store, Sid sid, AccountRight r) throws LsaException {
            store.grantRight(sid, r);
        }

        @Override
        String done() {
            return "Granted";
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke RIGHT from PRINCIPAL.")
    static final class Revoke extends Change {
        @Override
        void apply(AccountStore store, Sid sid, AccountRight r) throws LsaException {
            store.revokeRight(sid, r);
        }

        @Override
        String done() {
            return "Revoked";
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List rights, of everyone or of one PRINCIPAL.")
    static final class ListRights extends Cmd implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "PRINCIPAL", arity = "0..1") String principal;

        @Override
        public Integer call() throws Exception {
            try (AccountStore store = openStore()) {
                SidNames names = new SidNames(store);
                if (principal != null) {
                    Sid sid = names.resolve(principal);
                    store.rightsOf(List.of(sid)).stream().map(AccountRight::name).sorted().forEach(out()::println);
                    return ExitCode.OK;
                }
                for (Map.Entry<Sid, Set<AccountRight>> e : store.listRights().entrySet()) {
                    out().printf("%s (%s)%n", names.lookup(e.getKey()).name(), e.getKey());
                    e.getValue().stream().map(AccountRight::name).sorted().forEach(n -> out().println("    " + n));
                }
            }
            return ExitCode.OK;
        }
    }
}
