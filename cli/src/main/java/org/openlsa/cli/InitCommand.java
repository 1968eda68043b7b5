package org.openlsa.cli;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.openlsa.core.Sid;
import org.openlsa.crypto.NtOwf;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.sam.AccountNames;
import org.openlsa.sam.DomainInfo;
import org.openlsa.sam.DomainProvisioning;
import org.openlsa.store.sqlite.SqliteAccountStore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lsa init}: a new state directory holding a new account domain. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Create a state directory with a new account domain: a random domain SID S-1-5-21-a-b-c,",
            "Administrator (RID 500) with the given password, Guest (RID 501) disabled, the BUILTIN aliases and the",
            "default policy and account rights."})
final class InitCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--domain", paramLabel = "NAME", description = "Domain name (default: the machine name).")
    String domain;

    @Option(names = "--machine", paramLabel = "NAME", description = "Machine name (default: this host's name, upper-cased).")
    String machine;

    @ArgGroup(exclusive = false)
    PasswordInput password = new PasswordInput();

    @Override
    public Integer call() throws Exception {
        StateDirectory dir = main.stateDirectory();
        String machineName = machine != null ? machine : defaultMachineName();
        String domainName = domain != null ? domain : machineName;
        AccountNames.requireValid(domainName, 15, "domain");
        AccountNames.requireValid(machineName, 15, "machine");
        // Read the password before touching the disk, so a failed prompt leaves nothing behind.
        try (SecretBytes pw = password.read("Administrator password", true); SecretBytes hash = NtOwf.ntOwfV1(pw)) {
            dir.createForInit();
            boolean done = false;
            try (SqliteAccountStore store = SqliteAccountStore.open(dir.database())) {
                Sid sid = DomainProvisioning.randomDomainSid(new SecureRandom());
                DomainInfo d = DomainProvisioning.provision(store, domainName.toUpperCase(Locale.ROOT),
                        machineName.toUpperCase(Locale.ROOT), sid, hash, Instant.now());
                PrintWriter out = spec.commandLine().getOut();
                out.printf("Initialized %s%n", dir.path());
                out.printf("  domain:        %s (%s)%n", d.name(), d.sid());
                out.printf("  machine:       %s%n", d.machineName());
                out.printf("  administrator: %s\\Administrator (%s)%n", d.name(), d.sid().append(500));
                done = true;
            } finally {
                if (!done) {
                    dir.removeDatabase(); // a failed init leaves no half-made database that would block the next try
                }
            }
        }
        return ExitCode.OK;
    }

    static String defaultMachineName() {
        try {
            String h = InetAddress.getLocalHost().getHostName();
            int dot = h.indexOf('.');
            String shortName = (dot > 0 ? h.substring(0, dot) : h).replaceAll("[^A-Za-z0-9-]", "");
            return shortName.isEmpty() ? "OPENLSA" : shortName.substring(0, Math.min(15, shortName.length()));
        } catch (java.io.IOException e) {
            return "OPENLSA";
        }
    }
}
