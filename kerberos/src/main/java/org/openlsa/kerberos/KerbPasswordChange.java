package org.openlsa.kerberos;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.crypto.kerberos.KerberosCryptoException;
import org.openlsa.engine.spi.PackageCallResult;
import org.openlsa.kdc.protocol.KpasswdResult;
import org.openlsa.kdc.client.KdcClient;
import org.openlsa.kdc.client.KdcClient.KdcRefusal;
import org.openlsa.kdc.client.KdcUnreachableException;
import org.openlsa.kdc.client.KpasswdClient;
import org.openlsa.kerberos.internal.KdcStatus;
import org.openlsa.kerberos.internal.RealmRoutes;
import org.openlsa.kerberos.internal.SessionTickets;
import org.openlsa.krb5.ErrorCode;
import org.openlsa.krb5.KdcOptions;
import org.openlsa.krb5.PrincipalName;
import org.openlsa.krb5.der.KrbDecodeException;
import org.openlsa.engine.spi.logon.ChangePasswordRequest;
import org.openlsa.sam.Passwords;

/**
 * KerbChangePasswordMessage (7): KERB_CHANGEPASSWORD_REQUEST, the same structure as MSV1_0's (MessageType 0,
 * DomainName 8, AccountName 24, OldPassword 40, NewPassword 56, BOOLEAN Impersonating 72; size 80). A user who knows
 * the old password sets a new one through the realm's kpasswd service (RFC 3244): an AS exchange for
 * {@code kadmin/changepw} with the old password, which works even when the password has expired, then the new
 * password under that ticket.
 *
 * <p>Open to untrusted callers: knowing the old password is the authorization. For them an unknown user and a
 * wrong old password both read LOGON_FAILURE, as a logon does; a wrong old password counts toward lockout at the
 * KDC. The outcome is the ProtocolStatus (no return buffer): PASSWORD_RESTRICTION when the server's policy refuses
 * the new password, ACCESS_DENIED when it refuses the change, NO_LOGON_SERVERS when no server answers. A malformed
 * request fails the call itself (INVALID_PARAMETER). {@code Impersonating} is read and ignored: the change runs
 * with the credentials in the request, never the caller's.
 */
final class KerbPasswordChange {
    private static final System.Logger LOG = System.getLogger("org.openlsa.kerberos");

    /** What MIT's kpasswd asks for: the ticket is spent at once. */
    private static final Duration CHANGEPW_LIFETIME = Duration.ofMinutes(5);
    private static final PrincipalName CHANGEPW = PrincipalName.service("kadmin", "changepw");

    /** Where a realm's KDC and kpasswd servers are, as the package resolves them. */
    private final RealmRoutes realms;

    KerbPasswordChange(RealmRoutes realms) {
        this.realms = realms;
    }

    PackageCallResult change(byte[] submitBuffer, boolean trusted) throws LsaException {
        // KERB_CHANGEPASSWORD_REQUEST has the shared layout: its decoder checks every length and offset.
        try (ChangePasswordRequest req = ChangePasswordRequest.decode(submitBuffer)) {
            if (req.accountName().isEmpty()) {
                throw new LsaException(NtStatus.INVALID_PARAMETER, "KERB_CHANGEPASSWORD_REQUEST without an AccountName");
            }
            return new PackageCallResult(new byte[0], change(req, trusted));
        }
    }

    private NtStatus change(ChangePasswordRequest req, boolean trusted) throws LsaException {
        SessionTickets.Client c = realms.resolve(req.domainName(), req.accountName());
        KdcClient kdc = realms.client(c.realm());
        KdcClient.Credential ticket;
        try (SecretBytes oldUtf8 = Passwords.utf8(req.oldPassword())) {
            ticket = kdc.passwordAsExchange(c.realm(), c.name(), oldUtf8, CHANGEPW, KdcOptions.of(), CHANGEPW_LIFETIME,
                    List.of(), KerberosPackage.ENCTYPES);
        } catch (KdcRefusal r) {
            if (r.error().errorCode().equals(ErrorCode.KDC_ERR_C_PRINCIPAL_UNKNOWN)) {
                KerberosPackage.burnStringToKey(req.oldPassword());
            }
            LsaException e = KdcStatus.of(r);
            return hide(e.subStatus().equals(NtStatus.SUCCESS) ? e.status() : e.subStatus(), e.status(), trusted);
        } catch (KerberosCryptoException e) {
            return hide(NtStatus.WRONG_PASSWORD, NtStatus.LOGON_FAILURE, trusted);
        } catch (KdcUnreachableException e) {
            LOG.log(Level.WARNING, "ChangePassword: no KDC of {0} answered: {1}", c.realm(), e.getMessage());
            return NtStatus.NO_LOGON_SERVERS;
        } catch (KrbDecodeException | IOException e) {
            LOG.log(Level.WARNING, "ChangePassword: the KDC of {0} failed: {1}", c.realm(), e.getMessage());
            return NtStatus.NO_LOGON_SERVERS;
        }
        try (ticket; SecretBytes newUtf8 = Passwords.utf8(req.newPassword())) {
            KpasswdClient.Outcome outcome = realms.kpasswd(c.realm()).change(ticket, newUtf8, Optional.empty());
            if (!outcome.succeeded()) {
                LOG.log(Level.INFO, "ChangePassword: the kpasswd server of {0} refused {1}: {2} ({3})", c.realm(),
                        c.name(), outcome.result().map(KpasswdResult::meaning).orElse("code " + outcome.code()),
                        outcome.message());
            }
            return status(outcome);
        } catch (KdcUnreachableException e) {
            LOG.log(Level.WARNING, "ChangePassword: no kpasswd server of {0} answered: {1}", c.realm(), e.getMessage());
            return NtStatus.NO_LOGON_SERVERS;
        } catch (KpasswdClient.KpasswdProtocolException e) {
            LOG.log(Level.WARNING, "ChangePassword: the kpasswd server of {0}: {1}", c.realm(), e.getMessage());
            return NtStatus.UNSUCCESSFUL;
        }
    }

    /**
     * What the caller learns of a failed AS exchange: a trusted caller the precise reason, an untrusted one
     * LOGON_FAILURE for both an unknown user and a wrong password (lsa-semantics 2), other refusals as they are.
     */
    private static NtStatus hide(NtStatus precise, NtStatus general, boolean trusted) {
        if (precise.equals(NtStatus.WRONG_PASSWORD) || precise.equals(NtStatus.NO_SUCH_USER)) {
            return trusted ? precise : NtStatus.LOGON_FAILURE;
        }
        return general.equals(NtStatus.ACCOUNT_RESTRICTION) ? precise : general;
    }

    /** The kpasswd result as an NTSTATUS. */
    static NtStatus status(KpasswdClient.Outcome outcome) {
        return switch (outcome.result().orElse(KpasswdResult.HARDERROR)) {
            case SUCCESS -> NtStatus.SUCCESS;
            case SOFTERROR -> NtStatus.PASSWORD_RESTRICTION;
            case ACCESSDENIED, INITIAL_FLAG_NEEDED -> NtStatus.ACCESS_DENIED;
            case AUTHERROR -> NtStatus.LOGON_FAILURE;
            case MALFORMED, BAD_VERSION, HARDERROR -> NtStatus.UNSUCCESSFUL;
        };
    }
}
