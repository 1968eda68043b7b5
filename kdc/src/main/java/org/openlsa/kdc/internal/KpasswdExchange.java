package org.openlsa.kdc.internal;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.Inet6Address;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.core.Sid;
import org.openlsa.core.WellKnownSids;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.crypto.kerberos.KerberosCrypto;
import org.openlsa.crypto.kerberos.KerberosCryptoException;
import org.openlsa.crypto.kerberos.KerberosKey;
import org.openlsa.kdc.protocol.KpasswdFrame;
import org.openlsa.kdc.protocol.KpasswdPolicyInfo;
import org.openlsa.kdc.protocol.KpasswdResult;
import org.openlsa.krb5.ApReq;
import org.openlsa.krb5.Authenticator;
import org.openlsa.krb5.Bytes;
import org.openlsa.krb5.ChangePasswdData;
import org.openlsa.krb5.EncApRepPart;
import org.openlsa.krb5.EncKrbPrivPart;
import org.openlsa.krb5.EncTicketPart;
import org.openlsa.krb5.EncryptedData;
import org.openlsa.krb5.ErrorCode;
import org.openlsa.krb5.HostAddress;
import org.openlsa.krb5.KerberosTime;
import org.openlsa.krb5.KrbError;
import org.openlsa.krb5.KrbPriv;
import org.openlsa.krb5.PrincipalName;
import org.openlsa.krb5.TicketFlags;
import org.openlsa.krb5.der.KrbCodec;
import org.openlsa.krb5.der.KrbDecodeException;
import org.openlsa.sam.AccountFlag;
import org.openlsa.sam.AccountRestrictions;
import org.openlsa.sam.DomainInfo;
import org.openlsa.sam.DomainPolicy;
import org.openlsa.sam.GroupAccount;
import org.openlsa.sam.Lockout;
import org.openlsa.sam.Passwords;
import org.openlsa.sam.SecurityEvent;
import org.openlsa.sam.UserAccount;

/**
 * The kpasswd service (RFC 3244, and the older change-password form it extends): a client with a ticket for
 * {@code kadmin/changepw} sends an AP-REQ and a KRB-PRIV holding the new password; the reply is an AP-REP and a
 * KRB-PRIV holding a result code and text.
 *
 * <p>Who may change what, as MIT's kadmind and Active Directory decide it:
 * <ul>
 *   <li>one's own password, with a ticket from the AS exchange (INITIAL): a ticket obtained with a TGT proves
 *       nothing about the old password, so it gets INITIAL_FLAG_NEEDED. The policy's minimum age applies unless the
 *       password must change now;</li>
 *   <li>another account's password (a set-password request naming it), by an administrator only: a member of
 *       Domain Admins or of BUILTIN\Administrators. krbtgt's keys are not set this way.</li>
 * </ul>
 * Until the AP-REQ is verified the answer is a KRB-ERROR whose e-data holds the result; afterwards every answer is
 * an AP-REP and a KRB-PRIV sealed in the client's subkey. The reply's KRB-PRIV carries the AP-REP's sequence number
 * and no timestamp, which is what MIT's client checks (it sends no timestamp and sequence number 0). A password
 * the policy refuses gets SOFTERROR with Active Directory's policy blob ({@link KpasswdPolicyInfo}), which MIT's
 * kpasswd turns into a sentence naming the rule.
 */
public final class KpasswdExchange {
    private static final System.Logger LOG = System.getLogger("org.openlsa.kdc");

    /** RFC 4120 7.5.1. */
    private static final int USAGE_AP_REP = 12;

    private final KdcContext ctx;
    private final HostAddress serverAddress;

    public KpasswdExchange(KdcContext ctx, InetAddress serverAddress) {
        this.ctx = ctx;
        this.serverAddress = new HostAddress(serverAddress instanceof Inet6Address ? HostAddress.ADDRTYPE_INET6
                : HostAddress.ADDRTYPE_INET, Bytes.of(serverAddress.getAddress()));
    }

    /** A refusal before the client is authenticated: answered as a KRB-ERROR. */
    private static final class Refusal extends Exception {
        final KpasswdResult result;
        final ErrorCode code;

        Refusal(KpasswdResult result, ErrorCode code, String text) {
            super(text, null, false, false);
            this.result = result;
            this.code = code;
        }
    }

    /** The authenticated request: who asked, with which ticket, and the keys and numbers of the reply. */
    private record Authenticated(EncTicketPart ticket, Authenticator authenticator, KerberosKey sessionKey,
                                 KerberosKey privKey) implements AutoCloseable {
        @Override
        public void close() {
            sessionKey.close();
            if (privKey != sessionKey) {
                privKey.close();
            }
        }
    }

    /** The answer to one decoded frame; never throws. */
    public byte[] handle(KpasswdFrame frame, DomainInfo domain) {
        try {
            if (frame.version() != KpasswdFrame.VERSION_CHANGE && frame.version() != KpasswdFrame.VERSION_SET) {
                throw new Refusal(KpasswdResult.BAD_VERSION, ErrorCode.KRB_AP_ERR_BADVERSION,
                        "protocol version 0x" + Integer.toHexString(frame.version()) + " is neither 1 nor 0xff80");
            }
            try (Authenticated auth = authenticate(frame, domain)) {
                long seq = ctx.random().nextInt() & 0x7FFFFFFFL;
                byte[] result = change(frame, auth, domain);
                return reply(auth, seq, result);
            }
        } catch (Refusal r) {
            LOG.log(Level.INFO, "kpasswd: refused before authentication: {0}", r.getMessage());
            return error(r, domain.realm());
        } catch (LsaException | RuntimeException e) {
            LOG.log(Level.ERROR, "kpasswd: internal failure", e);
            return error(new Refusal(KpasswdResult.HARDERROR, ErrorCode.KRB_ERR_GENERIC, "internal error"),
                    domain.realm());
        }
    }

    private Authenticated authenticate(KpasswdFrame frame, DomainInfo domain) throws Refusal, LsaException {
        ApReq ap;
        try {
            ap = KrbCodec.decodeApReq(frame.ap().toByteArray());
        } catch (KrbDecodeException e) {
            throw new Refusal(KpasswdResult.MALFORMED, ErrorCode.KRB_AP_ERR_MSG_TYPE, "malformed AP-REQ");
        }
        if (!PrincipalLookup.isChangePassword(ap.ticket().sname())
                || !ctx.principals().isOurRealm(domain, ap.ticket().realm())) {
            throw new Refusal(KpasswdResult.AUTHERROR, ErrorCode.KRB_AP_ERR_NOT_US,
                    "the ticket is for " + ap.ticket().sname() + "@" + ap.ticket().realm() + ", not kadmin/changepw");
        }
        EncTicketPart ticket;
        try (KdcPrincipal service = ctx.principals().service(domain, ap.ticket().sname(), ap.ticket().realm())) {
            ticket = TicketIssue.open(ap.ticket(), service);
        } catch (KdcError e) {
            throw new Refusal(KpasswdResult.AUTHERROR, e.code(), e.getMessage());
        }
        Instant now = ctx.now();
        Duration skew = domain.policy().kerberos().maxClockSkew();
        if (!ticket.endtime().instant().plus(skew).isAfter(now)) {
            throw new Refusal(KpasswdResult.AUTHERROR, ErrorCode.KRB_AP_ERR_TKT_EXPIRED, "the ticket has expired");
        }
        if (ticket.starttime().orElse(ticket.authtime()).instant().isAfter(now.plus(skew))
                || ticket.flags().has(TicketFlags.INVALID)) {
            throw new Refusal(KpasswdResult.AUTHERROR, ErrorCode.KRB_AP_ERR_TKT_NYV, "the ticket is not yet valid");
        }
        KerberosKey session;
        try {
            session = TicketIssue.key(ticket.key());
        } catch (KdcError e) {
            throw new Refusal(KpasswdResult.AUTHERROR, e.code(), e.getMessage());
        }
        boolean handedOver = false;
        try {
            Authenticator authenticator;
            byte[] plain = null;
            try {
                plain = KerberosCrypto.decrypt(session, TicketIssue.USAGE_AP_REQ_AUTH,
                        ap.authenticator().cipher().toByteArray());
                authenticator = KrbCodec.decodeAuthenticator(plain);
            } catch (KerberosCryptoException | KrbDecodeException e) {
                throw new Refusal(KpasswdResult.AUTHERROR, ErrorCode.KRB_AP_ERR_BAD_INTEGRITY,
                        "the authenticator does not decrypt");
            } finally {
                if (plain != null) {
                    Arrays.fill(plain, (byte) 0);
                }
            }
            if (!authenticator.cname().sameNameAs(ticket.cname())
                    || !authenticator.crealm().equalsIgnoreCase(ticket.crealm())) {
                throw new Refusal(KpasswdResult.AUTHERROR, ErrorCode.KRB_AP_ERR_BADMATCH,
                        "the authenticator and the ticket name different clients");
            }
            if (Duration.between(now, authenticator.ctime().instant()).abs().compareTo(skew) > 0) {
                throw new Refusal(KpasswdResult.AUTHERROR, ErrorCode.KRB_AP_ERR_SKEW, "clock skew too great");
            }
            ReplayCache.Verdict verdict = ctx.replayCache().check(ap.authenticator().cipher().toByteArray(),
                    authenticator.ctime().instant(), now, skew);
            if (verdict != ReplayCache.Verdict.FRESH) {
                throw new Refusal(KpasswdResult.AUTHERROR, verdict == ReplayCache.Verdict.REPLAY
                        ? ErrorCode.KRB_AP_ERR_REPEAT : ErrorCode.KRB_ERR_GENERIC, verdict == ReplayCache.Verdict.REPLAY
                        ? "the request is a replay" : "replay cache full; try again");
            }
            KerberosKey privKey;
            try {
                privKey = authenticator.subkey().isPresent() ? TicketIssue.key(authenticator.subkey().get()) : session;
            } catch (KdcError e) {
                throw new Refusal(KpasswdResult.AUTHERROR, e.code(), "the authenticator's subkey is unusable");
            }
            handedOver = true;
            return new Authenticated(ticket, authenticator, session, privKey);
        } finally {
            if (!handedOver) {
                session.close();
            }
        }
    }

    /** Applies the request; the result (code and text) for the reply's KRB-PRIV. */
    private byte[] change(KpasswdFrame frame, Authenticated auth, DomainInfo domain) throws LsaException {
        EncKrbPrivPart priv;
        try {
            KrbPriv message = KrbCodec.decodeKrbPriv(frame.message().toByteArray());
            byte[] plain = KerberosCrypto.decrypt(auth.privKey(), KrbPriv.USAGE_ENC_PART,
                    message.encPart().cipher().toByteArray());
            try {
                priv = KrbCodec.decodeEncKrbPrivPart(plain);
            } finally {
                Arrays.fill(plain, (byte) 0);
            }
        } catch (KrbDecodeException e) {
            return KpasswdFrame.result(KpasswdResult.MALFORMED, "the KRB-PRIV is malformed");
        } catch (KerberosCryptoException e) {
            return KpasswdFrame.result(KpasswdResult.AUTHERROR, "the KRB-PRIV does not decrypt with the subkey");
        }
        // RFC 4120 5.7: with sequence numbers in use, the message carries the authenticator's; an absent number is
        // 0 on both sides (MIT omits a zero one).
        if (priv.seqNumber().orElse(0) != auth.authenticator().seqNumber().orElse(0)) {
            return KpasswdFrame.result(KpasswdResult.MALFORMED, "the KRB-PRIV's sequence number is not the"
                    + " authenticator's");
        }
        PrincipalName client = auth.ticket().cname();
        String clientRealm = auth.ticket().crealm();
        PrincipalName target = client;
        String targetRealm = clientRealm;
        SecretBytes password; // UTF-8, as RFC 3244 carries it
        if (frame.version() == KpasswdFrame.VERSION_SET) {
            ChangePasswdData data;
            try {
                data = KrbCodec.decodeChangePasswdData(priv.userData().toByteArray());
            } catch (KrbDecodeException e) {
                return KpasswdFrame.result(KpasswdResult.MALFORMED, "the ChangePasswdData is malformed");
            }
            password = SecretBytes.adopt(data.newPasswd().toByteArray());
            if (data.targName().isPresent()) {
                target = data.targName().get();
                targetRealm = data.targRealm().orElse(clientRealm);
            }
        } else {
            password = SecretBytes.adopt(priv.userData().toByteArray());
        }
        try (password; SecretBytes utf16 = password.utf8ToUtf16le(true)) {
            boolean self = target.sameNameAs(client) && targetRealm.equalsIgnoreCase(clientRealm);
            return self ? changeOwn(auth, client, domain, utf16) : setOther(client, target, targetRealm, domain, utf16);
        } catch (java.nio.charset.CharacterCodingException e) {
            return KpasswdFrame.result(KpasswdResult.SOFTERROR, "the new password is not valid UTF-8");
        }
    }

    private byte[] changeOwn(Authenticated auth, PrincipalName client, DomainInfo domain, SecretBytes password)
            throws LsaException {
        if (!auth.ticket().flags().has(TicketFlags.INITIAL)) {
            return KpasswdFrame.result(KpasswdResult.INITIAL_FLAG_NEEDED,
                    "the ticket must come from a password (an AS exchange), not from a TGT");
        }
        Optional<UserAccount> found = ctx.principals().accountOf(domain, client);
        if (found.isEmpty()) {
            return KpasswdFrame.result(KpasswdResult.AUTHERROR, "the ticket's client no longer exists");
        }
        UserAccount user = found.get();
        DomainPolicy policy = domain.policy();
        Instant now = ctx.now();
        Optional<byte[]> refused = accountRefusal(user, policy, now);
        if (refused.isPresent()) {
            return refused.get();
        }
        boolean mustChange = user.has(AccountFlag.MUST_CHANGE_PASSWORD) || user.passwordLastSet().isEmpty();
        Optional<Instant> canChange = AccountRestrictions.passwordCanChangeAt(user, policy);
        if (!mustChange && canChange.isPresent() && now.isBefore(canChange.get())) {
            LOG.log(Level.INFO, "kpasswd: {0} may not change its password before {1}", user.name(), canChange.get());
            audit(SecurityEvent.PASSWORD_CHANGE, "passwordChange", NtStatus.PASSWORD_RESTRICTION, user, domain, now, "");
            return policyRefusal(policy);
        }
        return set(user, password, domain, now, Passwords.Kind.CHANGE, user.name() + " changed its password", "");
    }

    private byte[] setOther(PrincipalName client, PrincipalName target, String targetRealm, DomainInfo domain,
                            SecretBytes password) throws LsaException {
        Optional<UserAccount> caller = ctx.principals().accountOf(domain, client);
        if (caller.isEmpty() || !isAdministrator(caller.get())) {
            LOG.log(Level.INFO, "kpasswd: {0} may not set the password of {1}", client, target);
            return KpasswdFrame.result(KpasswdResult.ACCESSDENIED,
                    "only administrators may set another account's password");
        }
        if (!ctx.principals().isOurRealm(domain, targetRealm)) {
            return KpasswdFrame.result(KpasswdResult.HARDERROR, "realm " + targetRealm + " is not " + domain.realm());
        }
        Optional<UserAccount> found = PrincipalLookup.isKrbtgt(domain, target) ? Optional.empty()
                : ctx.principals().accountOf(domain, target);
        if (found.isEmpty() || found.get().rid() == UserAccount.RID_KRBTGT) {
            return KpasswdFrame.result(KpasswdResult.HARDERROR, "no account " + target + " whose password can be set");
        }
        return set(found.get(), password, domain, ctx.now(), Passwords.Kind.SET,
                caller.get().name() + " set the password of " + found.get().name(), caller.get().sid().toString());
    }

    /**
     * Sets the password, as the account's own change (history and minimum age apply) or an administrator's reset,
     * auditing the attempt either way: 4723 when the account changes its own, 4724 when an administrator
     * ({@code caller}) sets another's.
     */
    private byte[] set(UserAccount user, SecretBytes password, DomainInfo domain, Instant now, Passwords.Kind kind,
                       String what, String caller) throws LsaException {
        int eventId = kind == Passwords.Kind.CHANGE ? SecurityEvent.PASSWORD_CHANGE : SecurityEvent.PASSWORD_RESET;
        String event = kind == Passwords.Kind.CHANGE ? "passwordChange" : "passwordReset";
        try {
            if (kind == Passwords.Kind.CHANGE) {
                Passwords.change(ctx.store(), user.rid(), password, now);
            } else {
                Passwords.set(ctx.store(), user.rid(), password, now, false);
            }
        } catch (LsaException e) {
            audit(eventId, event, e.status(), user, domain, now, caller);
            if (e.status().equals(NtStatus.PASSWORD_RESTRICTION)) {
                LOG.log(Level.INFO, "kpasswd: new password of {0} refused: {1}", user.name(), e.getMessage());
                return policyRefusal(domain.policy());
            }
            throw e;
        }
        audit(eventId, event, NtStatus.SUCCESS, user, domain, now, caller);
        LOG.log(Level.INFO, "kpasswd: {0}", what);
        return KpasswdFrame.result(KpasswdResult.SUCCESS, "Password changed");
    }

    private void audit(int eventId, String event, NtStatus status, UserAccount user, DomainInfo domain, Instant now,
                       String caller) {
        ctx.events().record(SecurityEvent.of(now, eventId, event, status, user, domain, "kpasswd", caller, "",
                List.of()));
    }

    /** A disabled, locked-out or expired account changes nothing, even with a ticket issued just before. */
    private static Optional<byte[]> accountRefusal(UserAccount user, DomainPolicy policy, Instant now) {
        if (user.has(AccountFlag.DISABLED)) {
            return Optional.of(KpasswdFrame.result(KpasswdResult.ACCESSDENIED, "the account is disabled"));
        }
        if (Lockout.isLockedOut(user, user.logonState(), policy, now)) {
            return Optional.of(KpasswdFrame.result(KpasswdResult.ACCESSDENIED, "the account is locked out"));
        }
        if (user.accountExpires().filter(t -> !t.isAfter(now)).isPresent()) {
            return Optional.of(KpasswdFrame.result(KpasswdResult.ACCESSDENIED, "the account has expired"));
        }
        return Optional.empty();
    }

    private static byte[] policyRefusal(DomainPolicy policy) {
        KpasswdPolicyInfo info = new KpasswdPolicyInfo(policy.minPasswordLength(), policy.passwordHistoryLength(),
                policy.passwordComplexity() ? KpasswdPolicyInfo.COMPLEX : 0, policy.maxPasswordAge(),
                policy.minPasswordAge());
        return KpasswdFrame.result(KpasswdResult.SOFTERROR.code(), info.encode());
    }

    /** Administrator (RID 500), a member of Domain Admins, or of BUILTIN\Administrators directly or by a group. */
    private boolean isAdministrator(UserAccount user) throws LsaException {
        if (user.rid() == UserAccount.RID_ADMINISTRATOR) {
            return true;
        }
        List<GroupAccount> groups = ctx.store().groupsOfUser(user.rid());
        if (groups.stream().anyMatch(g -> g.rid() == UserAccount.RID_DOMAIN_ADMINS)) {
            return true;
        }
        List<Sid> sids = new ArrayList<>();
        sids.add(user.sid());
        groups.forEach(g -> sids.add(g.sid()));
        Set<Sid> aliases = ctx.store().aliasesContaining(sids);
        return aliases.contains(WellKnownSids.BUILTIN_ADMINISTRATORS);
    }


    private byte[] reply(Authenticated auth, long seq, byte[] result) {
        Authenticator a = auth.authenticator();
        EncApRepPart repPart = new EncApRepPart(a.ctime(), a.cusec(), a.subkey(), OptionalLong.of(seq));
        byte[] repPlain = KrbCodec.encode(repPart);
        byte[] repCipher = KerberosCrypto.encrypt(auth.sessionKey(), USAGE_AP_REP, repPlain, ctx.random());
        Arrays.fill(repPlain, (byte) 0);
        byte[] apRep = KrbCodec.encode(new org.openlsa.krb5.ApRep(
                new EncryptedData(auth.sessionKey().type().id(), OptionalInt.empty(), Bytes.of(repCipher))));
        EncKrbPrivPart part = new EncKrbPrivPart(Bytes.of(result), Optional.empty(), OptionalInt.empty(),
                OptionalLong.of(seq), Optional.of(serverAddress), Optional.empty());
        byte[] partPlain = KrbCodec.encode(part);
        byte[] partCipher = KerberosCrypto.encrypt(auth.privKey(), KrbPriv.USAGE_ENC_PART, partPlain, ctx.random());
        Arrays.fill(partPlain, (byte) 0);
        byte[] priv = KrbCodec.encode(new KrbPriv(new EncryptedData(auth.privKey().type().id(), OptionalInt.empty(),
                Bytes.of(partCipher))));
        return new KpasswdFrame(KpasswdFrame.VERSION_CHANGE, Bytes.of(apRep), Bytes.of(priv)).encode();
    }

    /** An error reply: an empty AP-REP and a KRB-ERROR whose e-data is the result. */
    public byte[] errorReply(KpasswdResult result, ErrorCode code, String text, String realm) {
        return error(new Refusal(result, code, text), realm);
    }

    private byte[] error(Refusal r, String realm) {
        Instant now = ctx.now();
        KrbError err = new KrbError(Optional.empty(), OptionalInt.empty(), KerberosTime.truncate(now),
                KerberosTime.microsecondsOf(now), r.code, Optional.empty(), Optional.empty(), realm,
                new PrincipalName(PrincipalName.NT_SRV_INST, List.of("kadmin", "changepw")),
                Optional.of(r.getMessage()), Optional.of(Bytes.of(KpasswdFrame.result(r.result, r.getMessage()))));
        return new KpasswdFrame(KpasswdFrame.VERSION_CHANGE, Bytes.EMPTY, Bytes.of(KrbCodec.encode(err))).encode();
    }
}
