package org.openlsa.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.util.concurrent.Callable;
import org.openlsa.core.QuotaLimits;
import org.openlsa.sam.DomainInfo;
import org.openlsa.sam.DomainPolicy;
import org.openlsa.sam.NtlmPolicy;
import org.openlsa.store.sqlite.SqliteAccountStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lsa policy ...}: the domain's password, lockout and quota policy. */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Show or change the domain policy.",
        subcommands = {PolicyCommands.Show.class, PolicyCommands.Set.class})
final class PolicyCommands {

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show the domain and its policy.")
    static final class Show extends Cmd implements Callable<Integer> {
        @Option(names = "--json") boolean json;

        @Override
        public Integer call() throws Exception {
            try (SqliteAccountStore store = openStore()) {
                DomainInfo d = store.domain();
                DomainPolicy p = d.policy();
                if (json) {
                    try (JsonGenerator g = json()) {
                        g.writeStartObject();
                        g.writeStringField("domain", d.name());
                        g.writeStringField("domainSid", d.sid().toString());
                        g.writeStringField("machine", d.machineName());
                        g.writeNumberField("minPasswordLength", p.minPasswordLength());
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
                        g.writeEndObject();
                    }
                    out().println();
                    return ExitCode.OK;
                }
                QuotaLimits q = p.defaultQuotaLimits();
                out().printf("Domain                      %s (%s)%n", d.name(), d.sid());
                out().printf("Machine                     %s%n", d.machineName());
                out().printf("Minimum password length     %d%n", p.minPasswordLength());
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
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Change policy settings; others stay as they are.")
    static final class Set extends Cmd implements Callable<Integer> {
        @Option(names = "--min-password-length", paramLabel = "N") Integer minLength;
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

        @Override
        public Integer call() throws Exception {
            try (SqliteAccountStore store = openStore()) {
                DomainPolicy p = store.domain().policy();
                if (minLength != null) {
                    p = p.withMinPasswordLength(minLength);
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
                p = p.withNtlm(n);
                store.setPolicy(p);
                out().println("Policy updated");
            }
            return ExitCode.OK;
        }
    }
}
