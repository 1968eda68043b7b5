package org.openlsa.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.openlsa.core.QuotaLimits;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.DomainInfo;
import org.openlsa.sam.DomainPolicy;
import org.openlsa.sam.KerberosKeys;
import org.openlsa.sam.KerberosPolicy;
import org.openlsa.sam.NtlmPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lsa policy ...}: the domain's password, lockout, quota, NTLM and Kerberos policy. */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Show or change the domain policy.",
        subcommands = {PolicyCommands.Show.class, PolicyCommands.Set.class})
final class PolicyCommands {

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show the domain and its policy.")
    static final class Show extends Cmd implements Callable<Integer> {
        @Option(names = "--json") boolean json;

        @Override
        public Integer call() throws Exception {
            try (AccountStore store = openStore()) {
                DomainInfo d = store.domain();
                DomainPolicy p = d.policy();
                if (json) {
                    try (JsonGenerator g = json()) {
                        g.writeStartObject();
                        g.writeStringField("domain", d.name());
                        g.writeStringField("domainSid", d.sid().toString());
                        g.writeStringField("machine", d.machineName());
                        g.writeStringField("realm", d.realm());
                        g.writeNumberField("minPasswordLength", p.minPasswordLength());
                        g.writeBooleanField("passwordComplexity", p.passwordComplexity());
                        g.writeNumberField("passwordHistoryLength", p.passwordHistoryLength());
                        g.writeStringField("minPasswordAge", Durations.format(p.minPasswordAge()));
                        g.writeStringField("maxPasswordAge", Durations.format(p.maxPasswordAge(), "never"));
                        g.writeNumberField("lockoutThreshold", p.lockoutThreshold());
                        g.writeStringField("lockoutDuration", Durations.format(p.lockoutDuration(), "forever"));
                        g.writeStringField("lockoutObservationWindow", Durations.format(p.lockoutObservationWindow()));
                        g.writeBooleanField("lockoutAdmins", p.lockoutAdmins());
                        TokenReport.writeQuotas(g, java.util.Optional.of(p.defaultQuotaLimits()));
                        g.writeStringField("ntlmLevel", p.ntlm().level().configName());
                        g.writeBooleanField("lanmanAuth", p.ntlm().lanmanAuth());
                        g.writeBooleanField("anonymousLogon", p.ntlm().anonymousLogon());
                        KerberosPolicy k = p.kerberos();
                        g.writeArrayFieldStart("kerberosEnctypes");
                        for (int e : k.enctypes()) {
                            g.writeString(Enctypes.name(e));
                        }
                        g.writeEndArray();
                        g.writeStringField("maxTicketAge", Durations.format(k.maxTicketAge()));
                        g.writeStringField("maxServiceTicketAge", Durations.format(k.maxServiceTicketAge()));
                        g.writeStringField("maxRenewAge", Durations.format(k.maxRenewAge()));
                        g.writeStringField("maxClockSkew", Durations.format(k.maxClockSkew()));
                        g.writeBooleanField("preauthRequired", k.preauthRequired());
                        g.writeEndObject();
                    }
                    out().println();
                    return ExitCode.OK;
                }
                QuotaLimits q = p.defaultQuotaLimits();
                out().printf("Domain                      %s (%s)%n", d.name(), d.sid());
                out().printf("Machine                     %s%n", d.machineName());
                out().printf("Kerberos realm              %s%n", d.realm());
                out().printf("Minimum password length     %d%n", p.minPasswordLength());
                out().printf("Password complexity         %s%n", p.passwordComplexity() ? "required" : "not required");
                out().printf("Password history            %s%n", p.passwordHistoryLength() == 0 ? "0 (none kept)"
                        : p.passwordHistoryLength() + " passwords remembered");
                out().printf("Minimum password age        %s%n", Durations.format(p.minPasswordAge()));
                out().printf("Maximum password age        %s%n", Durations.format(p.maxPasswordAge(), "never"));
                out().printf("Lockout threshold           %s%n", p.lockoutThreshold() == 0 ? "0 (never)" : p.lockoutThreshold());
                out().printf("Lockout duration            %s%n", Durations.format(p.lockoutDuration(), "forever"));
                out().printf("Lockout observation window  %s%n", Durations.format(p.lockoutObservationWindow()));
                out().printf("Lock out Administrator      %s%n", p.lockoutAdmins() ? "yes" : "no");
                out().printf("Default quota limits        paged %d, non-paged %d, working set %d..%d, pagefile %d%n",
                        q.pagedPoolLimitBytes(), q.nonPagedPoolLimitBytes(), q.minimumWorkingSetSizeBytes(),
                        q.maximumWorkingSetSizeBytes(), q.pagefileLimitBytes());
                out().printf("NTLM level                  %s%n", p.ntlm().level().configName());
                out().printf("LAN Manager responses       %s%n", p.ntlm().lanmanAuth() ? "accepted" : "refused");
                out().printf("Anonymous network logons    %s%n", p.ntlm().anonymousLogon() ? "allowed" : "refused");
                KerberosPolicy k = p.kerberos();
                out().printf("Kerberos enctypes           %s%n", Enctypes.names(k.enctypes()));
                out().printf("Maximum ticket age          %s%n", Durations.format(k.maxTicketAge()));
                out().printf("Maximum service ticket age  %s%n", Durations.format(k.maxServiceTicketAge()));
                out().printf("Maximum renewal age         %s%n", k.maxRenewAge().isZero() ? "0 (not renewable)"
                        : Durations.format(k.maxRenewAge()));
                out().printf("Maximum clock skew          %s%n", Durations.format(k.maxClockSkew()));
                out().printf("Pre-authentication          %s%n", k.preauthRequired() ? "required"
                        : "not required (accounts may still require it)");
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Change policy settings; others stay as they are.")
    static final class Set extends Cmd implements Callable<Integer> {
        @Option(names = "--min-password-length", paramLabel = "N") Integer minLength;
        @Option(names = "--complexity", paramLabel = "true|false", arity = "1", description = "Require Active "
                + "Directory's password complexity: three of upper-case, lower-case, digits, special characters and "
                + "other letters, and not the account name or a part of the full name.") Boolean complexity;
        @Option(names = "--password-history", paramLabel = "N", description = "How many passwords (the current one "
                + "included) a user's change may not reuse, 0..24; 0 keeps none.") Integer history;
        @Option(names = "--min-password-age", paramLabel = "DURATION") String minAge;
        @Option(names = "--max-password-age", paramLabel = "DURATION|never") String maxAge;
        @Option(names = "--lockout-threshold", paramLabel = "N", description = "0 disables lockout.") Integer threshold;
        @Option(names = "--lockout-duration", paramLabel = "DURATION|forever") String duration;
        @Option(names = "--lockout-window", paramLabel = "DURATION") String window;
        @Option(names = "--lockout-admins", paramLabel = "true|false", arity = "1") Boolean lockoutAdmins;
        @Option(names = "--ntlm-level", paramLabel = "LEVEL", description = "ntlmv2-only (default), "
                + "mschapv2-and-ntlmv2-only, ntlmv1-permitted or disabled.") String ntlmLevel;
        @Option(names = "--lanman-auth", paramLabel = "true|false", arity = "1", description = "Accept LAN Manager "
                + "responses; LM hashes are stored only for passwords set while this is on.") Boolean lanmanAuth;
        @Option(names = "--anonymous-logon", paramLabel = "true|false", arity = "1",
                description = "Allow anonymous network logons (ANONYMOUS LOGON tokens).") Boolean anonymousLogon;
        @Option(names = "--kerberos-enctypes", paramLabel = "LIST", description = "Enctypes of the Kerberos keys made "
                + "from now on (password changes, keytab export --rotate), in preference order: MIT names or numbers, "
                + "e.g. aes256-cts-hmac-sha1-96,aes128-cts-hmac-sha1-96. rc4-hmac only if listed.") String enctypes;
        @Option(names = "--max-ticket-age", paramLabel = "DURATION",
                description = "Longest ticket-granting ticket lifetime.") String maxTicketAge;
        @Option(names = "--max-service-ticket-age", paramLabel = "DURATION",
                description = "Longest service ticket lifetime; at most --max-ticket-age.") String maxServiceTicketAge;
        @Option(names = "--max-renew-age", paramLabel = "DURATION",
                description = "Longest renewal period, from the ticket's start; 0: not renewable.") String maxRenewAge;
        @Option(names = "--max-clock-skew", paramLabel = "DURATION",
                description = "Tolerated difference between a client's clock and the KDC's.") String maxClockSkew;
        @Option(names = "--preauth-required", paramLabel = "true|false", arity = "1", description = "Require "
                + "pre-authentication of AS requests (an account's --dont-require-preauth waives it).")
        Boolean preauthRequired;

        @Override
        public Integer call() throws Exception {
            try (AccountStore store = openStore()) {
                DomainPolicy p = store.domain().policy();
                if (minLength != null) {
                    p = p.withMinPasswordLength(minLength);
                }
                if (complexity != null) {
                    p = p.withPasswordComplexity(complexity);
                }
                if (history != null) {
                    p = p.withPasswordHistoryLength(history);
                }
                if (minAge != null || maxAge != null) {
                    p = p.withPasswordAges(minAge != null ? Durations.parse(minAge) : p.minPasswordAge(),
                            maxAge != null ? Durations.parseOrNever(maxAge) : p.maxPasswordAge());
                }
                if (threshold != null || duration != null || window != null) {
                    p = p.withLockout(threshold != null ? threshold : p.lockoutThreshold(),
                            duration != null ? Durations.parseOrNever(duration) : p.lockoutDuration(),
                            window != null ? Durations.parse(window) : p.lockoutObservationWindow());
                }
                if (lockoutAdmins != null) {
                    p = p.withLockoutAdmins(lockoutAdmins);
                }
                NtlmPolicy n = p.ntlm();
                if (ntlmLevel != null) {
                    try {
                        n = n.withLevel(NtlmPolicy.Level.fromConfigName(ntlmLevel));
                    } catch (IllegalArgumentException e) {
                        throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
                    }
                }
                if (lanmanAuth != null) {
                    n = n.withLanmanAuth(lanmanAuth);
                }
                if (anonymousLogon != null) {
                    n = n.withAnonymousLogon(anonymousLogon);
                }
                p = p.withNtlm(n).withKerberos(kerberos(p.kerberos()));
                store.setPolicy(p);
                out().println("Policy updated");
            }
            return ExitCode.OK;
        }

        private KerberosPolicy kerberos(KerberosPolicy k) {
            if (enctypes != null) {
                List<Integer> list = Enctypes.parseList(enctypes);
                k = k.withEnctypes(list);
                PrintWriter err = spec.commandLine().getErr();
                if (list.contains(KerberosKeys.RC4_HMAC)) {
                    err.println("lsa: warning: rc4-hmac keys are the NT hash and RC4 is weak; list it only for clients"
                            + " that have nothing better");
                }
                err.println("lsa: note: existing keys keep their enctypes until the password is set again or the keys"
                        + " are rotated (lsa keytab export --rotate)");
            }
            if (maxTicketAge != null || maxServiceTicketAge != null) {
                k = k.withTicketAges(maxTicketAge != null ? Durations.parse(maxTicketAge) : k.maxTicketAge(),
                        maxServiceTicketAge != null ? Durations.parse(maxServiceTicketAge) : k.maxServiceTicketAge());
            }
            if (maxRenewAge != null) {
                k = k.withMaxRenewAge(Durations.parse(maxRenewAge));
            }
            if (maxClockSkew != null) {
                k = k.withMaxClockSkew(Durations.parse(maxClockSkew));
            }
            if (preauthRequired != null) {
                k = k.withPreauthRequired(preauthRequired);
            }
            return k;
        }
    }
}
