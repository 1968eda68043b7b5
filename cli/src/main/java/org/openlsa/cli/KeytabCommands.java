package org.openlsa.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.krb5.files.KeyBlock;
import org.openlsa.krb5.files.Keytab;
import org.openlsa.krb5.files.KeytabEntry;
import org.openlsa.krb5.files.Principal;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.DomainInfo;
import org.openlsa.sam.KerberosKeyEntry;
import org.openlsa.sam.KerberosKeySet;
import org.openlsa.sam.KerberosKeys;
import org.openlsa.sam.UserAccount;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lsa keytab ...}: keytabs for services of the embedded realm. */
@Command(name = "keytab", mixinStandardHelpOptions = true, description = "Keytabs for the realm's services.",
        subcommands = {KeytabCommands.Export.class})
final class KeytabCommands {

    /**
     * {@code lsa keytab export}: the keys of the accounts behind some SPNs (or an account's own name) as an MIT
     * keytab, one entry per principal and stored key. With {@code --rotate} the accounts first get fresh random keys
     * at the next kvno, as MIT's {@code ktadd} does; without it the current keys are exported, so keytabs exported
     * earlier stay valid.
     */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Export the keys of the accounts behind SPNs as an MIT keytab.",
                "FILE (keytab version 2, mode 0600, replaced if it exists) gets every stored key",
                "of the account holding each SPN, as SPN@REALM, and with --account as NAME@REALM.",
                "Without --rotate the CURRENT keys are exported: keytabs written before stay",
                "valid (for an account with a password, these are that password's keys).",
                "With --rotate the accounts first get new random keys for the policy's",
                "enctypes at kvno+1, like MIT ktadd: their older keytabs, and their password",
                "for Kerberos, stop working. No key is ever printed."})
    static final class Export extends Cmd implements Callable<Integer> {
        @Option(names = "--spn", paramLabel = "SPN", description = "A service principal name (repeatable).")
        List<String> spns = new ArrayList<>();

        @Option(names = "--account", paramLabel = "NAME", description = "Also export NAME@REALM, the account's own name.")
        String account;

        @Option(names = "--rotate", description = "Replace the accounts' keys with new random ones (kvno+1) first.")
        boolean rotate;

        @Parameters(paramLabel = "FILE", description = "The keytab to write.")
        Path file;

        /** One principal to export and the account whose keys it gets. */
        private record Target(Principal principal, UserAccount account) {}

        @Override
        public Integer call() throws Exception {
            if (spns.isEmpty() && account == null) {
                throw new IllegalArgumentException("give at least one --spn SPN or --account NAME");
            }
            Path target = file.toAbsolutePath();
            if (target.getParent() == null || !Files.isDirectory(target.getParent())) {
                throw new IllegalArgumentException("no directory " + target.getParent() + " to write " + file + " in");
            }
            try (AccountStore store = openStore()) {
                DomainInfo domain = store.domain();
                List<Target> targets = targets(store, domain.realm());
                Map<Long, UserAccount> accounts = new LinkedHashMap<>();
                targets.forEach(t -> accounts.putIfAbsent(t.account().rid(), t.account()));
                if (rotate) {
                    rotate(store, domain, accounts.values());
                }
                Map<Long, KerberosKeySet> keys = new LinkedHashMap<>();
                try {
                    for (UserAccount u : accounts.values()) {
                        keys.put(u.rid(), keysOf(store, u));
                    }
                    write(target, targets, keys);
                } finally {
                    keys.values().forEach(KerberosKeySet::destroy);
                }
                for (Target t : targets) {
                    KerberosKeySet k = keys.get(t.account().rid());
                    out().printf("%s: kvno %d, %s (account %s)%n", t.principal(), k.kvno(), Enctypes.names(k.enctypes()),
                            t.account().name());
                }
                out().printf("Wrote %s%n", target);
            }
            return ExitCode.OK;
        }

        /** Checks every name before anything changes, so a typo in the third --spn rotates nothing. */
        private List<Target> targets(AccountStore store, String realm) throws LsaException {
            List<Target> targets = new ArrayList<>();
            for (String spn : spns) {
                UserAccount holder = store.findUserByServicePrincipalName(spn).orElseThrow(() -> new LsaException(
                        NtStatus.OBJECT_NAME_NOT_FOUND, "no account holds the service principal name '" + spn
                        + "' (register it with 'lsa spn add ACCOUNT " + spn + "')"));
                // The SPN as registered, not as typed: keytab lookups compare principals exactly, and clients ask
                // for the registered spelling.
                String registered = store.servicePrincipalNames(holder.rid()).stream()
                        .filter(spn::equalsIgnoreCase).findFirst().orElse(spn);
                List<String> components = List.of(registered.split("/"));
                int type = components.size() == 2 ? Principal.NT_SRV_INST : Principal.NT_PRINCIPAL;
                targets.add(new Target(new Principal(type, components, realm), exportable(holder)));
            }
            if (account != null) {
                UserAccount u = exportable(UserCommands.find(store, account));
                targets.add(new Target(Principal.of(realm, u.name()), u));
            }
            return targets;
        }

        private static UserAccount exportable(UserAccount u) throws LsaException {
            if (u.rid() == UserAccount.RID_KRBTGT) {
                // krbtgt's keys sign every ticket of the realm; they never leave the KDC.
                throw new LsaException(NtStatus.SPECIAL_ACCOUNT, "the keys of krbtgt are not exported");
            }
            return u;
        }

        /** New random keys at kvno+1 for every account, in one transaction (all rotate or none). */
        private static void rotate(AccountStore store, DomainInfo domain, java.util.Collection<UserAccount> accounts)
                throws LsaException {
            SecureRandom random = new SecureRandom();
            List<Integer> enctypes = domain.policy().kerberos().enctypes();
            store.transact(s -> {
                for (UserAccount u : accounts) {
                    int kvno = s.kerberosKeys(u.rid()).map(k -> {
                        k.destroy();
                        return k.kvno() + 1;
                    }).orElse(1);
                    // The salt of the account's name, as its password keys have: ETYPE-INFO2 announces it either way.
                    byte[] salt = KerberosKeys.defaultSalt(domain.realm(), List.of(u.name()));
                    try (KerberosKeySet fresh = KerberosKeys.randomKeySet(enctypes, kvno, salt, random)) {
                        s.setKerberosKeys(u.rid(), fresh);
                    }
                }
                return null;
            });
        }

        private static KerberosKeySet keysOf(AccountStore store, UserAccount u) throws LsaException {
            Optional<KerberosKeySet> keys = store.kerberosKeys(u.rid());
            if (keys.isEmpty() || keys.get().keys().isEmpty()) {
                keys.ifPresent(KerberosKeySet::destroy);
                throw new LsaException(NtStatus.OBJECT_NAME_NOT_FOUND,
                        "account " + u.name() + " has no Kerberos keys: set its password ('lsa user passwd "
                        + u.name() + "') or export with --rotate to give it random keys");
            }
            return keys.get();
        }

        private static void write(Path target, List<Target> targets, Map<Long, KerberosKeySet> keys)
                throws java.io.IOException {
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            List<KeytabEntry> entries = new ArrayList<>();
            try {
                for (Target t : targets) {
                    KerberosKeySet set = keys.get(t.account().rid());
                    for (KerberosKeyEntry k : set.keys()) {
                        // The keytab gets its own copies, destroyed below; the caller destroys the store's set.
                        entries.add(new KeytabEntry(t.principal(), now, set.kvno(),
                                new KeyBlock(k.enctype(), SecretBytes.adopt(k.key().copyBytes()))));
                    }
                }
                new Keytab(entries).write(target);
            } finally {
                entries.forEach(e -> e.key().key().destroy());
            }
        }
    }
}
