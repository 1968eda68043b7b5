package org.openlsa.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.openlsa.core.AccessToken;
import org.openlsa.core.GroupAttributes;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.core.SidAndAttributes;
import org.openlsa.core.TokenSource;
import org.openlsa.core.WellKnownSids;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.engine.LogonRequest;
import org.openlsa.engine.LogonResult;
import org.openlsa.host.StateLayout;
import org.openlsa.kerberos.KerbInteractiveLogonCodec;
import org.openlsa.kerberos.KerbLogonCodecs;
import org.openlsa.kerberos.KerbProfileCodec;
import org.openlsa.kerberos.KerbS4uLogon;
import org.openlsa.kerberos.KerberosPackage;
import org.openlsa.engine.spi.logon.InteractiveLogon;
import org.openlsa.msv1_0.Msv1_0InteractiveLogonCodec;
import org.openlsa.msv1_0.Msv1_0InteractiveProfileCodec;
import org.openlsa.engine.spi.logon.InteractiveProfile;
import org.openlsa.msv1_0.Msv1_0Lm20Logon;
import org.openlsa.msv1_0.Msv1_0Lm20LogonCodec;
import org.openlsa.msv1_0.Msv1_0Lm20LogonProfile;
import org.openlsa.msv1_0.Msv1_0Lm20LogonProfileCodec;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lsa logon}: LsaLogonUser through MSV1_0 (or Kerberos, {@code --package kerberos}) with a password, as LogonUser does it (LOCAL in LocalGroups, a logon
 * SID, token source "User32"), printing the logon ID, the token and the profile. In-process for now: the session
 * ends when the command exits.
 */
@Command(name = "logon", mixinStandardHelpOptions = true,
        description = {"Log a user on with a password and print the logon ID, the token (like whoami /all) and the profile.",
            "The password comes from --password-stdin, --password-file or a terminal prompt; never the command line."})
final class LogonCommand extends Cmd implements Callable<Integer> {
    @Option(names = {"-u", "--user"}, required = true, paramLabel = "USER") String user;
    @Option(names = {"-d", "--domain"}, paramLabel = "DOMAIN", defaultValue = "",
            description = "Logon domain (default: this machine's domain).") String domain;
    @Option(names = {"-t", "--type"}, paramLabel = "TYPE", defaultValue = "interactive",
            description = "interactive, batch, service, unlock or network (with a password: a cleartext network logon; with --challenge: challenge/response).") String type;
    @Option(names = "--unlock-logon-id", paramLabel = "LUID", defaultValue = "0",
            description = "For --type unlock: the logon session being unlocked.") String unlockLogonId;
    @Option(names = "--package", paramLabel = "PACKAGE", defaultValue = "msv1_0",
            description = "msv1_0 (default) or kerberos: a Kerberos logon gets a TGT from the realm's KDC (the embedded one, or those <state>/krb5.conf names) and keeps it in the session.")
    String packageName;
    @Option(names = "--json", description = "Print the documented JSON shape (docs/cli.md) instead of text.") boolean json;
    @ArgGroup(exclusive = false) PasswordInput password = new PasswordInput();
    @Option(names = "--hold", description = "Keep the logon session open until interrupted (Ctrl-C, SIGTERM), to inspect it with 'lsa sessions'.")
    boolean hold;
    @Option(names = "--socket", paramLabel = "PATH", description = "Daemon socket (default: <state>/lsad.sock).")
    java.nio.file.Path socket;
    @Option(names = "--workstation", paramLabel = "NAME", defaultValue = "",
            description = "Network logon: the client's workstation name (checked against the account's list).")
    String workstation;
    @Option(names = "--challenge", paramLabel = "HEX",
            description = "Network logon with challenge/response (MsV1_0NetworkLogon): the 8-byte server challenge.")
    String challenge;
    @Option(names = "--nt-response", paramLabel = "HEX", defaultValue = "",
            description = "With --challenge: the NT response (NTLMv2, or NTLMv1 when the policy allows it).")
    String ntResponse;
    @Option(names = "--lm-response", paramLabel = "HEX", defaultValue = "",
            description = "With --challenge: the LM response (LMv2, or LM when the policy allows it).")
    String lmResponse;
    @Option(names = "--parameter-control", paramLabel = "BITS", defaultValue = "0",
            description = "With --challenge: MSV1_0 ParameterControl bits (decimal or 0x hex).")
    String parameterControl;
    @Option(names = "--show-session-key", description = "With --challenge: print the profile's session keys (secrets).")
    boolean showSessionKey;
    @Option(names = "--s4u", description = "With --package kerberos: an S4U logon (KERB_S4U_LOGON) of --user "
            + "(a name or UPN; --domain is the realm) without a password, through S4U2Self with this host's own "
            + "credentials. A caller without SeTcbPrivilege gets an identification token, and only for --type network.")
    boolean s4u;
    @Option(names = "--identify", description = "With --s4u: ask for an identification token (KERB_S4U_LOGON_FLAG_IDENTIFY).")
    boolean identify;
    @Option(names = "--check-logon-hours", description = "With --s4u: refuse the user outside their logon hours "
            + "(KERB_S4U_LOGON_FLAG_CHECK_LOGONHOURS).")
    boolean checkLogonHours;

    static SecurityLogonType parseType(String t) {
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "interactive" -> SecurityLogonType.INTERACTIVE;
            case "batch" -> SecurityLogonType.BATCH;
            case "service" -> SecurityLogonType.SERVICE;
            case "unlock" -> SecurityLogonType.UNLOCK;
            case "network" -> SecurityLogonType.NETWORK;
            default -> throw new IllegalArgumentException("--type takes interactive, batch, service, unlock or network, not '" + t + "'");
        };
    }

    private boolean kerberos() {
        return switch (packageName.toLowerCase(Locale.ROOT)) {
            case "msv1_0", "msv" -> false;
            case "kerberos", "krb5" -> true;
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--package takes msv1_0 or kerberos, not '" + packageName + "'");
        };
    }

    @Override
    public Integer call() throws Exception {
        SecurityLogonType logonType = parseType(type);
        if (kerberos() && challenge != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--challenge is an MSV1_0 network logon: it does not go with --package kerberos");
        }
        if ((s4u || identify || checkLogonHours) && (!kerberos() || challenge != null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--s4u, --identify and --check-logon-hours are Kerberos S4U logons: they need --package kerberos");
        }
        if ((identify || checkLogonHours) && !s4u) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--identify and --check-logon-hours go with --s4u");
        }
        Optional<Luid> unlock = logonType == SecurityLogonType.UNLOCK ? Optional.of(Luid.parse(unlockLogonId)) : Optional.empty();
        StateLayout dir = state();
        try (LogonTarget target = LogonTarget.open(dir, socket, spec.commandLine().getErr())) {
            org.openlsa.engine.LsaConnection c = target.connection;
            LogonRequest request;
            if (challenge != null) {
                request = challengeResponseLogon(c, logonType);
            } else if (s4u) {
                int flags = (identify ? KerbS4uLogon.IDENTIFY : 0) | (checkLogonHours ? KerbS4uLogon.CHECK_LOGONHOURS : 0);
                request = new LogonRequest("lsa logon", logonType, c.lookupAuthenticationPackage(KerberosPackage.NAME),
                        KerbLogonCodecs.encode(new KerbS4uLogon(flags, user, domain)), Optional.empty(),
                        new TokenSource("User32", Luid.ZERO));
            } else {
                try (SecretBytes pw = password.read("Password for " + user, false)) {
                    request = passwordLogon(c, "lsa logon", kerberos(), logonType, domain, user, pw, unlock);
                }
            }
            LogonResult r;
            try (request) { // closing it destroys the logon structure and the password in it
                r = c.logonUser(request);
            } catch (LsaException e) {
                return failure(e);
            }
            AccessToken t = c.queryToken(r.token());
            byte[] profileBytes = r.profileBuffer().bytes();
            c.freeReturnBuffer(r.profileBuffer());
            Optional<Msv1_0Lm20LogonProfile> lm20 = challenge == null ? Optional.empty()
                    : Optional.of(Msv1_0Lm20LogonProfileCodec.decode(profileBytes));
            Optional<InteractiveProfile> profile = challenge != null ? Optional.empty()
                    : Optional.of(kerberos() ? KerbProfileCodec.decode(profileBytes).profile()
                            : Msv1_0InteractiveProfileCodec.decode(profileBytes));
            java.util.Arrays.fill(profileBytes, (byte) 0);
            TokenReport report = new TokenReport(target.names(t));
            if (json) {
                try (JsonGenerator g = json()) {
                    g.writeStartObject();
                    writeStatus(g, NtStatus.SUCCESS, NtStatus.SUCCESS);
                    g.writeStringField("logonId", r.logonId().toString());
                    g.writeStringField("logonType", logonType.displayName());
                    g.writeBooleanField("viaDaemon", target.viaDaemon);
                    report.writeToken(g, t);
                    TokenReport.writeQuotas(g, r.quotas());
                    if (lm20.isPresent()) {
                        TokenReport.writeLm20Profile(g, lm20.get(), showSessionKey);
                    } else {
                        TokenReport.writeProfile(g, profile);
                    }
                    g.writeEndObject();
                }
                out().println();
            } else {
                out().printf("Logged on %s\\%s (%s logon%s)%n", domain.isEmpty() ? "." : Printable.of(domain), Printable.of(user),
                        logonType.displayName(), target.viaDaemon ? ", through the daemon" : ", in this process");
                report.printText(out(), t, r.quotas(), profile);
                lm20.ifPresent(p -> TokenReport.printLm20Profile(out(), p, showSessionKey));
            }
            if (hold) {
                // A note to the person at the terminal, not output: stdout stays the report alone (with --json,
                // one JSON document a script can parse while the session is held).
                out().flush();
                spec.commandLine().getErr().printf("Holding logon session %s; interrupt (Ctrl-C) to end it.%n",
                        r.logonId());
                spec.commandLine().getErr().flush();
                waitForSignal();
            }
            c.closeHandle(r.token());
            return ExitCode.OK;
        }
    }

    /**
     * An MSV1_0 password logon as LogonUser builds it: LOCAL in LocalGroups when the connection is trusted (LocalGroups
     * are a trusted caller's privilege; an untrusted one gets the token without LOCAL), token source "User32". The
     * request holds its own copy of the password inside the encoded structure, a secret: the caller closes the
     * request when done.
     */
    static LogonRequest passwordLogon(org.openlsa.engine.LsaConnection c, String origin, SecurityLogonType type,
                                      String domain, String user, SecretBytes password, Optional<Luid> unlock)
            throws LsaException {
        return passwordLogon(c, origin, false, type, domain, user, password, unlock);
    }

    /** As above, through MSV1_0 or (with {@code kerberos}) the Kerberos package's KERB_INTERACTIVE_LOGON. */
    static LogonRequest passwordLogon(org.openlsa.engine.LsaConnection c, String origin, boolean kerberos,
                                      SecurityLogonType type, String domain, String user, SecretBytes password,
                                      Optional<Luid> unlock) throws LsaException {
        // The logon does not own the caller's password (it is not closed here); the encoded structure is a new secret
        // that the request adopts.
        InteractiveLogon logon = new InteractiveLogon(domain, user, password, unlock);
        SecretBytes buffer = kerberos ? KerbInteractiveLogonCodec.encode(logon) : Msv1_0InteractiveLogonCodec.encode(logon);
        try {
            return new LogonRequest(origin, type, c.lookupAuthenticationPackage(kerberos ? KerberosPackage.NAME
                    : "MSV1_0"), buffer,
                    c.isTrusted() ? Optional.of(List.of(new SidAndAttributes(WellKnownSids.LOCAL, GroupAttributes.DEFAULT)))
                            : Optional.empty(), new TokenSource("User32", Luid.ZERO));
        } catch (LsaException | RuntimeException e) {
            buffer.destroy();
            throw e;
        }
    }

    /**
     * An MSV1_0_LM20_LOGON (MsV1_0NetworkLogon) from the challenge and responses on the command line, as a server
     * that received them from a client would submit it. Bad hex or a challenge that is not 8 bytes is a usage error.
     */
    private LogonRequest challengeResponseLogon(org.openlsa.engine.LsaConnection c, SecurityLogonType logonType)
            throws LsaException {
        if (logonType != SecurityLogonType.NETWORK) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--challenge makes a network logon: use it with --type network");
        }
        byte[] chal = hex("--challenge", challenge);
        if (chal.length != 8) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--challenge takes 8 bytes (16 hex digits), not " + chal.length);
        }
        int control;
        try {
            control = Integer.decode(parameterControl.trim()) ;
        } catch (NumberFormatException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--parameter-control takes a number, not '" + parameterControl + "'");
        }
        Msv1_0Lm20Logon logon = Msv1_0Lm20Logon.network(domain, user, workstation, chal,
                hex("--nt-response", ntResponse), hex("--lm-response", lmResponse), control);
        byte[] buffer = Msv1_0Lm20LogonCodec.encode(logon);
        logon.wipe();
        try {
            return new LogonRequest("lsa logon", logonType, c.lookupAuthenticationPackage("MSV1_0"), buffer,
                    Optional.empty(), new TokenSource("NtLmSsp", Luid.ZERO));
        } finally {
            java.util.Arrays.fill(buffer, (byte) 0);
        }
    }

    private byte[] hex(String option, String value) {
        try {
            return java.util.HexFormat.of().parseHex(value.trim());
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), option + " takes hex digits: "
                    + e.getMessage());
        }
    }

    /** Blocks until SIGINT or SIGTERM. */
    private static void waitForSignal() throws InterruptedException {
        java.util.concurrent.CountDownLatch stop = new java.util.concurrent.CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
        stop.await();
    }

    private int failure(LsaException e) throws IOException {
        if (json) {
            try (JsonGenerator g = json()) {
                g.writeStartObject();
                writeStatus(g, e.status(), e.subStatus());
                g.writeStringField("message", e.getMessage());
                g.writeEndObject();
            }
            out().println();
        } else {
            spec.commandLine().getErr().println("lsa: logon failed: " + Printable.of(e.getMessage()));
            spec.commandLine().getErr().println("  " + Main.describe(e));
        }
        return ExitCode.forStatus(e.status());
    }

    static void writeStatus(JsonGenerator g, NtStatus status, NtStatus subStatus) throws IOException {
        g.writeStringField("status", status.symbolicName().orElse(status.hex()));
        g.writeStringField("statusCode", status.hex());
        g.writeStringField("subStatus", subStatus.symbolicName().orElse(subStatus.hex()));
        g.writeStringField("subStatusCode", subStatus.hex());
        g.writeNumberField("win32Error", status.toWin32Error());
    }
}
