package org.openlsa.cli;

import java.util.concurrent.Callable;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.engine.CallPackageResult;
import org.openlsa.engine.LsaConnection;
import org.openlsa.host.StateLayout;
import org.openlsa.engine.spi.logon.ChangePasswordRequest;
import org.openlsa.kerberos.KerbCallCodec;
import org.openlsa.kerberos.KerberosPackage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lsa kpasswd}: a user changes its own password through the Kerberos package's ChangePassword
 * (KerbChangePasswordMessage), which asks the realm's kpasswd service (RFC 3244): the embedded realm's, or the one
 * {@code <state>/krb5.conf} names. Through the daemon when one runs, else in this process. Knowing the old password
 * is the only authorization, so any user may run it; an expired password is changed this way too.
 */
@Command(name = "kpasswd", mixinStandardHelpOptions = true,
        description = {"Change a password with the old one, through the realm's Kerberos kpasswd service.",
            "Asks for the old password and the new one (twice) on a terminal; with --password-stdin reads",
            "two lines: the old password, then the new one. Exit 0 when changed."})
final class KpasswdCommand extends Cmd implements Callable<Integer> {
    @Option(names = {"-u", "--user"}, required = true, paramLabel = "USER",
            description = "The account (a name, or name@REALM).") String user;
    @Option(names = {"-d", "--domain"}, paramLabel = "DOMAIN", defaultValue = "",
            description = "Its domain or realm (default: this machine's realm, or krb5.conf's default_realm).")
    String domain;
    @Option(names = "--password-stdin", description = "Read the old password, then the new one, one per line of"
            + " standard input.") boolean fromStdin;
    @Option(names = "--socket", paramLabel = "PATH", description = "Daemon socket (default: <state>/lsad.sock).")
    java.nio.file.Path socket;

    @Override
    public Integer call() throws Exception {
        StateLayout dir = state();
        SecretBytes buffer;
        SecretBytes oldPw = read("Old password for " + user, "the old password", false);
        SecretBytes newPw;
        try {
            newPw = read("New password", "the new password (the second line)", true);
        } catch (java.io.IOException | RuntimeException e) {
            oldPw.destroy();
            throw e;
        }
        try (ChangePasswordRequest req = new ChangePasswordRequest(domain, user, oldPw, newPw, false)) {
            buffer = KerbCallCodec.encodeChangePassword(req);
        }
        // The encoded request holds both passwords: a secret, closed with the target.
        try (buffer; LogonTarget target = LogonTarget.open(dir, socket, spec.commandLine().getErr())) {
            LsaConnection c = target.connection;
            CallPackageResult r = c.callAuthenticationPackage(c.lookupAuthenticationPackage(KerberosPackage.NAME),
                    buffer);
            c.freeReturnBuffer(r.returnBuffer());
            NtStatus status = r.protocolStatus();
            if (status.equals(NtStatus.WRONG_PASSWORD) || status.equals(NtStatus.NO_SUCH_USER)) {
                // A trusted caller learns which; the exit code is a logon failure's either way.
                throw new LsaException(NtStatus.LOGON_FAILURE, status, "the old password of " + user
                        + " did not log on");
            }
            if (!status.equals(NtStatus.SUCCESS)) {
                throw new LsaException(status, status.equals(NtStatus.PASSWORD_RESTRICTION)
                        ? "the new password does not meet the realm's password policy"
                        : "the password of " + user + " was not changed");
            }
            out().println("Password changed.");
            out().flush();
            return ExitCode.OK;
        }
    }

    private SecretBytes read(String prompt, String what, boolean confirm) throws java.io.IOException {
        if (fromStdin) {
            return PasswordInput.fromStdin(what);
        }
        return PasswordInput.fromTerminal(prompt, confirm, "use --password-stdin");
    }
}
