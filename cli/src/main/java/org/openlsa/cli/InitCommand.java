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
import org.openlsa.host.AccountStores;
import org.openlsa.host.StateLayout;
import org.openlsa.sam.AccountNames;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.DomainInfo;
import org.openlsa.sam.DomainPolicy;
import org.openlsa.sam.DomainProvisioning;
import org.openlsa.sam.Passwords;
import org.openlsa.sam.UserAccount;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code lsa init}: a new state directory holding a new account domain. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Create a state directory with a new account domain: a random domain SID S-1-5-21-a-b-c,",
            "Administrator (RID 500) with the given password, Guest (RID 501) disabled, krbtgt (RID 502, random",
            "Kerberos keys) for the realm's KDC, the BUILTIN aliases and the default policy and account rights."})
final class InitCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--domain", paramLabel = "NAME", description = "Domain name (default: the machine name).")
    String domain;

    @Option(names = "--machine", paramLabel = "NAME", description = "Machine name (default: this host's name, upper-cased).")
    String machine;

    @Option(names = "--realm", paramLabel = "REALM", description = "Kerberos realm of the embedded KDC, e.g. "
            + "EXAMPLE.COM (default: the domain name upper-cased); it cannot be changed later.")
    String realm;

    @ArgGroup(exclusive = false)
    PasswordInput password = new PasswordInput();

    @Override
    public Integer call() throws Exception {
        StateLayout dir = main.stateDirectory();
        String machineName = machine != null ? machine : defaultMachineName();
        String domainName = domain != null ? domain : machineName;
        AccountNames.requireValid(domainName, 15, "domain");
        AccountNames.requireValid(machineName, 15, "machine");
        String realmName = realm != null ? requireWritableRealm(realm)
                : DomainInfo.defaultRealm(domainName.toUpperCase(Locale.ROOT));
        dir.requireUninitialized(); // before asking for a password that could not be used
        AccountStores stores = AccountStores.installed();
        stores.providerFor(dir.storeLocation()); // likewise: an installation without its store creates nothing
        // Read the password before touching the disk, so a failed prompt leaves nothing behind.
        try (SecretBytes pw = password.read("Administrator password", true); SecretBytes hash = NtOwf.ntOwfV1(pw)) {
            // The new domain's policy, for the account it will be, before any file exists.
            Passwords.requireAcceptable(DomainPolicy.DEFAULT, "Administrator", "", pw);
            dir.createForInit();
            AccountStore created = stores.create(dir); // refuses one that appeared meanwhile: never deleted below
            boolean done = false;
            try (AccountStore store = created) {
                Sid sid = DomainProvisioning.randomDomainSid(new SecureRandom());
                Instant now = Instant.now();
                DomainInfo d = DomainProvisioning.provision(store, domainName.toUpperCase(Locale.ROOT), realmName,
                        machineName.toUpperCase(Locale.ROOT), sid, hash, now, new SecureRandom());
                // Provisioning stores the NT hash only; setting the password again derives Administrator's
                // Kerberos keys too, so kinit Administrator works from the start.
                Passwords.set(store, UserAccount.RID_ADMINISTRATOR, pw, now, false);
                PrintWriter out = spec.commandLine().getOut();
                out.printf("Initialized %s%n", dir.directory());
                out.printf("  domain:        %s (%s)%n", d.name(), d.sid());
                out.printf("  machine:       %s%n", d.machineName());
                out.printf("  realm:         %s%n", d.realm());
                out.printf("  administrator: %s\\Administrator (%s)%n", d.name(), d.sid().append(500));
                done = true;
            } finally {
                if (!done) {
                    stores.delete(dir); // a failed init leaves no half-made database that would block the next try
                }
            }
        }
        return ExitCode.OK;
    }

    /**
     * A realm {@code lsa krb5conf} can write: what {@link DomainInfo} accepts, minus white space and the characters
     * of krb5.conf's own syntax, which a realm there cannot escape.
     */
    static String requireWritableRealm(String realm) {
        DomainInfo.requireValidRealm(realm);
        for (char c : realm.toCharArray()) {
            if (Character.isWhitespace(c) || "=[]{}#;\"'".indexOf(c) >= 0) {
                throw new IllegalArgumentException("realm '" + realm + "' contains '" + c
                        + "', which krb5.conf cannot hold (use letters, digits, '.', '-', '_')");
            }
        }
        return realm;
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
