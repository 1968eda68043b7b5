package org.openlsa.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.util.List;
import java.util.concurrent.Callable;
import org.openlsa.sam.AccountFlag;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.ServicePrincipalNames;
import org.openlsa.sam.UserAccount;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lsa delegation ...}: constrained delegation (msDS-AllowedToDelegateTo): the services an account may obtain
 * tickets to on a user's behalf with S4U2Proxy. The account flags that go with it are set with {@code lsa user set}.
 */
@Command(name = "delegation", mixinStandardHelpOptions = true,
        description = {"Constrained delegation: the SPNs an account may delegate to (S4U2Proxy).",
            "The delegation flags are options of 'lsa user set': --trusted-for-delegation,",
            "--trusted-to-auth-for-delegation (protocol transition), --not-delegated."},
        subcommands = {DelegationCommands.Set.class, DelegationCommands.Show.class})
final class DelegationCommands {

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Replace the SPNs ACCOUNT may delegate to; none clears the list.")
    static final class Set extends Cmd implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ACCOUNT") String account;
        @Parameters(index = "1..*", arity = "0..*", paramLabel = "SPN") List<String> spns = List.of();

        @Override
        public Integer call() throws Exception {
            spns.forEach(ServicePrincipalNames::requireValid);
            try (AccountStore store = openStore()) {
                UserAccount u = UserCommands.find(store, account);
                store.setAllowedToDelegateTo(u.rid(), spns);
                if (spns.isEmpty()) {
                    out().printf("%s\\%s may delegate to no service%n", store.domain().name(), u.name());
                } else {
                    out().printf("%s\\%s may delegate to %s%n", store.domain().name(), u.name(), String.join(", ", spns));
                }
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show the delegation settings of ACCOUNT: allowed SPNs and delegation flags.")
    static final class Show extends Cmd implements Callable<Integer> {
        @Parameters(paramLabel = "ACCOUNT") String account;
        @Option(names = "--json") boolean json;

        @Override
        public Integer call() throws Exception {
            try (AccountStore store = openStore()) {
                UserAccount u = UserCommands.find(store, account);
                List<String> allowed = store.allowedToDelegateTo(u.rid());
                boolean unconstrained = u.has(AccountFlag.TRUSTED_FOR_DELEGATION);
                boolean transition = u.has(AccountFlag.TRUSTED_TO_AUTH_FOR_DELEGATION);
                boolean sensitive = u.has(AccountFlag.NOT_DELEGATED);
                if (json) {
                    try (JsonGenerator g = json()) {
                        g.writeStartObject();
                        g.writeStringField("account", u.name());
                        g.writeStringField("sid", u.sid().toString());
                        UserCommands.writeStrings(g, "allowedToDelegateTo", allowed);
                        g.writeBooleanField("trustedForDelegation", unconstrained);
                        g.writeBooleanField("trustedToAuthForDelegation", transition);
                        g.writeBooleanField("notDelegated", sensitive);
                        g.writeEndObject();
                    }
                    out().println();
                } else {
                    out().printf("Account                         %s\\%s%n", store.domain().name(), u.name());
                    out().printf("Allowed to delegate to          %s%n", allowed.isEmpty() ? "-" : String.join(", ", allowed));
                    out().printf("Trusted for delegation          %s%n", yesNo(unconstrained, " (unconstrained)"));
                    out().printf("Trusted to auth. for delegation %s%n", yesNo(transition, " (protocol transition)"));
                    out().printf("Sensitive, cannot be delegated  %s%n", yesNo(sensitive, ""));
                }
            }
            return ExitCode.OK;
        }

        private static String yesNo(boolean v, String qualifier) {
            return v ? "yes" + qualifier : "no";
        }
    }
}
