package org.openlsa.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.ServicePrincipalNames;
import org.openlsa.sam.UserAccount;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lsa spn ...}: the service principal names of accounts (servicePrincipalName, as {@code setspn} edits it).
 * The KDC issues tickets for {@code SPN@REALM} under the keys of the account holding it; an SPN is unique in the
 * realm, compared case-insensitively.
 */
@Command(name = "spn", mixinStandardHelpOptions = true,
        description = {"Manage service principal names (SPNs) of accounts.",
            "An SPN is service/host[:port][/name]; the KDC issues tickets for SPN@REALM",
            "encrypted with the keys of the account holding it. SPNs are unique in the realm."},
        subcommands = {SpnCommands.Add.class, SpnCommands.Remove.class, SpnCommands.ListSpns.class})
final class SpnCommands {

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Register an SPN on an account.")
    static final class Add extends Cmd implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ACCOUNT") String account;
        @Parameters(index = "1", paramLabel = "SPN") String spn;

        @Override
        public Integer call() throws Exception {
            ServicePrincipalNames.requireValid(spn);
            if (spn.regionMatches(true, 0, "krbtgt/", 0, 7)) {
                // Such a ticket would look like a (cross-realm) TGT to clients; krbtgt names are the KDC's own.
                throw new IllegalArgumentException("krbtgt/... names belong to the KDC and cannot be registered");
            }
            try (AccountStore store = openStore()) {
                UserAccount u = UserCommands.find(store, account);
                // Name the holder: the store's collision error cannot say who has it (setspn -S does the same check).
                Optional<UserAccount> holder = store.findUserByServicePrincipalName(spn);
                if (holder.isPresent()) {
                    throw new LsaException(NtStatus.OBJECT_NAME_COLLISION, "service principal name '" + spn
                            + "' is already registered on " + store.domain().name() + "\\" + holder.get().name());
                }
                store.addServicePrincipalName(u.rid(), spn);
                out().printf("Registered %s on %s\\%s%n", spn, store.domain().name(), u.name());
                if (store.kerberosKeys(u.rid()).map(k -> {
                    boolean none = k.keys().isEmpty();
                    k.destroy();
                    return none;
                }).orElse(true)) {
                    spec.commandLine().getErr().printf("lsa: note: %s has no Kerberos keys yet: set its password or "
                            + "run 'lsa keytab export --rotate --spn %s FILE'%n", u.name(), spn);
                }
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove an SPN from an account.")
    static final class Remove extends Cmd implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ACCOUNT") String account;
        @Parameters(index = "1", paramLabel = "SPN") String spn;

        @Override
        public Integer call() throws Exception {
            try (AccountStore store = openStore()) {
                UserAccount u = UserCommands.find(store, account);
                store.removeServicePrincipalName(u.rid(), spn);
                out().printf("Removed %s from %s\\%s%n", spn, store.domain().name(), u.name());
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the SPNs of one account, or of every account that has any.")
    static final class ListSpns extends Cmd implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", paramLabel = "ACCOUNT") String account;
        @Option(names = "--json") boolean json;

        @Override
        public Integer call() throws Exception {
            try (AccountStore store = openStore()) {
                List<Holder> holders = holders(store);
                if (json) {
                    try (JsonGenerator g = json()) {
                        g.writeStartArray();
                        for (Holder h : holders) {
                            g.writeStartObject();
                            g.writeStringField("account", h.user().name());
                            g.writeStringField("sid", h.user().sid().toString());
                            UserCommands.writeStrings(g, "spns", h.spns());
                            g.writeEndObject();
                        }
                        g.writeEndArray();
                    }
                    out().println();
                } else {
                    for (Holder h : holders) {
                        for (String spn : h.spns()) {
                            out().printf("%-20s %s%n", h.user().name(), spn);
                        }
                    }
                }
            }
            return ExitCode.OK;
        }

        private record Holder(UserAccount user, List<String> spns) {}

        private List<Holder> holders(AccountStore store) throws LsaException {
            if (account != null) {
                UserAccount u = UserCommands.find(store, account);
                return List.of(new Holder(u, store.servicePrincipalNames(u.rid())));
            }
            List<Holder> all = new ArrayList<>();
            for (UserAccount u : store.listUsers()) {
                List<String> spns = store.servicePrincipalNames(u.rid());
                if (!spns.isEmpty()) {
                    all.add(new Holder(u, spns));
                }
            }
            return all;
        }
    }
}
