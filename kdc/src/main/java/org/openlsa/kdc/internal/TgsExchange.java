package org.openlsa.kdc.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.crypto.kerberos.ChecksumType;
import org.openlsa.crypto.kerberos.KerberosCrypto;
import org.openlsa.crypto.kerberos.KerberosCryptoException;
import org.openlsa.crypto.kerberos.KerberosKey;
import org.openlsa.krb5.ApReq;
import org.openlsa.krb5.AuthorizationData;
import org.openlsa.krb5.Authenticator;
import org.openlsa.krb5.Bytes;
import org.openlsa.krb5.Checksum;
import org.openlsa.krb5.EncKdcRepPart;
import org.openlsa.krb5.EncTicketPart;
import org.openlsa.krb5.ErrorCode;
import org.openlsa.krb5.KdcOptions;
import org.openlsa.krb5.KdcReqBody;
import org.openlsa.krb5.KerberosTime;
import org.openlsa.krb5.LastReq;
import org.openlsa.krb5.LastReqEntry;
import org.openlsa.krb5.PaData;
import org.openlsa.krb5.PaForUser;
import org.openlsa.krb5.PaS4uX509User;
import org.openlsa.krb5.PrincipalName;
import org.openlsa.krb5.S4uUserId;
import org.openlsa.krb5.TgsRep;
import org.openlsa.krb5.TgsReq;
import org.openlsa.krb5.Ticket;
import org.openlsa.krb5.TicketFlags;
import org.openlsa.krb5.der.KrbCodec;
import org.openlsa.krb5.der.KrbDecodeException;
import org.openlsa.sam.AccountFlag;
import org.openlsa.sam.AccountRestrictions;
import org.openlsa.sam.DomainInfo;
import org.openlsa.sam.KerberosPolicy;
import org.openlsa.sam.LogonRights;
import org.openlsa.sam.Lockout;
import org.openlsa.sam.UserAccount;

/**
 * The TGS exchange (RFC 4120 3.3) with the Microsoft extensions: service tickets, renewal, forwarded TGTs,
 * S4U2Self (MS-SFU 3.2.5.1, PA-FOR-USER and PA-S4U-X509-USER) and S4U2Proxy with constrained delegation (MS-SFU
 * 3.2.5.2, the requesting account's allowed-to-delegate-to list).
 *
 * <p>Every request's TGT is opened with the krbtgt key, its authenticator checked (client match, skew, replay,
 * the keyed checksum over the request body exactly as received) and its PAC verified before anything is issued;
 * the client's account is looked up again, so a disabled or locked-out account loses service tickets at once
 * rather than when its TGT expires, as Active Directory does.
 */
public final class TgsExchange {
    private final KdcContext ctx;

    public TgsExchange(KdcContext ctx) {
        this.ctx = ctx;
    }

    /** The parts of a checked TGS-REQ the branches below work from. */
    private record Checked(EncTicketPart tgt, Ticket header, Authenticator authenticator, KerberosKey replyKey,
                           int replyUsage, Optional<PacIssuer.TicketPac> pac, UserAccount client, long nonce) {}

    public TgsRep handle(TgsReq req, DomainInfo domain) throws KdcError, LsaException {
        KdcReqBody body = req.reqBody();
        PaData tgsPa = PaData.find(req.padata(), PaData.PA_TGS_REQ)
                .orElseThrow(() -> new KdcError(ErrorCode.KDC_ERR_PADATA_TYPE_NOSUPP, "TGS-REQ without PA-TGS-REQ"));
        ApReq ap;
        try {
            ap = KrbCodec.decodeApReq(tgsPa.padataValue().toByteArray());
        } catch (KrbDecodeException e) {
            throw new KdcError(ErrorCode.KRB_AP_ERR_MSG_TYPE, "malformed AP-REQ in PA-TGS-REQ");
        }
        boolean renewOrValidate = body.kdcOptions().has(KdcOptions.RENEW) || body.kdcOptions().has(KdcOptions.VALIDATE);
        Ticket header = ap.ticket();
        if (!renewOrValidate && !PrincipalLookup.isKrbtgt(domain, header.sname())) {
            throw new KdcError(ErrorCode.KRB_AP_ERR_NOT_US, "the PA-TGS-REQ ticket is not a TGT of this realm");
        }
        try (KdcPrincipal headerService = ctx.principals().service(domain, header.sname(), header.realm());
             // The header ticket is nearly always the TGT: then its service is krbtgt, read once, not twice.
             KdcPrincipal otherKrbtgt = headerService.isKrbtgt() ? null : ctx.principals().krbtgt(domain)) {
            KdcPrincipal krbtgt = otherKrbtgt == null ? headerService : otherKrbtgt;
            Checked c = check(req, ap, headerService, krbtgt, domain);
            try (KerberosKey replyKey = c.replyKey()) {
                if (body.kdcOptions().has(KdcOptions.VALIDATE)) {
                    throw new KdcError(ErrorCode.KDC_ERR_BADOPTION, "postdated tickets are not issued, so none validate");
                }
                if (body.kdcOptions().has(KdcOptions.RENEW)) {
                    return renew(c, headerService, krbtgt, domain);
                }
                if (body.kdcOptions().has(KdcOptions.CNAME_IN_ADDL_TKT)) {
                    return s4u2Proxy(req, c, krbtgt, domain);
                }
                return serviceTicket(req, c, krbtgt, domain);
            }
        }
    }

    private Checked check(TgsReq req, ApReq ap, KdcPrincipal headerService, KdcPrincipal krbtgt, DomainInfo domain)
            throws KdcError, LsaException {
        KerberosPolicy kp = domain.policy().kerberos();
        Instant now = ctx.now();
        EncTicketPart tgt = TicketIssue.open(ap.ticket(), headerService);
        Authenticator auth;
        try (KerberosKey session = TicketIssue.key(tgt.key())) {
            byte[] plain = KerberosCrypto.decrypt(session, TicketIssue.USAGE_TGS_REQ_AUTH,
                    ap.authenticator().cipher().toByteArray());
            auth = KrbCodec.decodeAuthenticator(plain);
        } catch (KerberosCryptoException | KrbDecodeException e) {
            throw new KdcError(ErrorCode.KRB_AP_ERR_BAD_INTEGRITY, "authenticator does not decrypt");
        }
        if (!auth.cname().sameNameAs(tgt.cname()) || !auth.crealm().equalsIgnoreCase(tgt.crealm())) {
            throw new KdcError(ErrorCode.KRB_AP_ERR_BADMATCH, "authenticator and ticket name different clients");
        }
        Duration skew = kp.maxClockSkew();
        if (Duration.between(now, auth.ctime().instant()).abs().compareTo(skew) > 0) {
            throw new KdcError(ErrorCode.KRB_AP_ERR_SKEW, "clock skew too great");
        }
        boolean renew = req.reqBody().kdcOptions().has(KdcOptions.RENEW);
        if (!renew && !tgt.endtime().instant().isAfter(now)) {
            throw new KdcError(ErrorCode.KRB_AP_ERR_TKT_EXPIRED, "ticket expired");
        }
        if (tgt.starttime().map(s -> s.instant().isAfter(now.plus(skew))).orElse(false)
                || tgt.flags().has(TicketFlags.INVALID)) {
            throw new KdcError(ErrorCode.KRB_AP_ERR_TKT_NYV, "ticket not yet valid");
        }
        Checksum cksum = auth.cksum().orElseThrow(
                () -> new KdcError(ErrorCode.KRB_AP_ERR_INAPP_CKSUM, "authenticator without a body checksum"));
        try (KerberosKey session = TicketIssue.key(tgt.key())) {
            Optional<ChecksumType> type = ChecksumType.of(cksum.cksumtype());
            if (type.isEmpty()) {
                throw new KdcError(ErrorCode.KDC_ERR_SUMTYPE_NOSUPP, "checksum type " + cksum.cksumtype());
            }
            // The checksum covers the request body exactly as the client encoded it (RFC 4120 7.2.x; MIT does
            // the same), never a re-encoding: a DER difference would otherwise pass or fail by accident.
            if (!KerberosCrypto.verifyChecksum(type.get(), session, TicketIssue.USAGE_TGS_REQ_AUTH_CKSUM,
                    req.encodedReqBody().toByteArray(), cksum.checksum().toByteArray())) {
                throw new KdcError(ErrorCode.KRB_AP_ERR_MODIFIED, "request body checksum does not verify");
            }
        }
        ReplayCache.Verdict verdict = ctx.replayCache().check(ap.authenticator().cipher().toByteArray(),
                auth.ctime().instant(), now, skew);
        if (verdict == ReplayCache.Verdict.REPLAY) {
            throw new KdcError(ErrorCode.KRB_AP_ERR_REPEAT, "request is a replay");
        }
        if (verdict == ReplayCache.Verdict.FULL) {
            throw new KdcError(ErrorCode.KRB_ERR_GENERIC, "replay cache full; try again");
        }
        Optional<PacIssuer.TicketPac> pac = Optional.empty();
        Optional<byte[]> encodedPac = PacIssuer.find(tgt.authorizationData());
        if (encodedPac.isPresent()) {
            try (KerberosKey serverKey = headerService.key(ap.ticket().encPart().etype()).orElseThrow();
                 KerberosKey krbtgtKey = krbtgt.bestKey(kp.enctypes())) {
                pac = Optional.of(PacIssuer.verify(encodedPac.get(), serverKey, krbtgtKey));
            }
        }
        UserAccount client = ctx.principals().accountOf(domain, tgt.cname()).orElseThrow(
                () -> new KdcError(ErrorCode.KDC_ERR_TGT_REVOKED, "the ticket's client no longer exists"));
        if (client.has(AccountFlag.DISABLED)) {
            throw KdcError.withStatus(ErrorCode.KDC_ERR_CLIENT_REVOKED, NtStatus.ACCOUNT_DISABLED, "account disabled");
        }
        if (Lockout.isLockedOut(client, client.logonState(), domain.policy(), now)) {
            throw KdcError.withStatus(ErrorCode.KDC_ERR_CLIENT_REVOKED, NtStatus.ACCOUNT_LOCKED_OUT, "account locked out");
        }
        if (client.accountExpires().filter(t -> !t.isAfter(now)).isPresent()) {
            throw KdcError.withStatus(ErrorCode.KDC_ERR_CLIENT_REVOKED, NtStatus.ACCOUNT_EXPIRED, "account expired");
        }
        KerberosKey replyKey;
        int usage;
        if (auth.subkey().isPresent()) {
            replyKey = TicketIssue.key(auth.subkey().get());
            usage = TicketIssue.USAGE_TGS_REP_SUBKEY;
        } else {
            replyKey = TicketIssue.key(tgt.key());
            usage = TicketIssue.USAGE_TGS_REP_SESSION_KEY;
        }
        return new Checked(tgt, ap.ticket(), auth, replyKey, usage, pac, client, req.reqBody().nonce());
    }

    /** RFC 4120 3.3.3.1: the same ticket with a fresh start and the same lifetime, up to its renew-till. */
    private TgsRep renew(Checked c, KdcPrincipal headerService, KdcPrincipal krbtgt, DomainInfo domain)
            throws KdcError {
        EncTicketPart old = c.tgt();
        Instant now = ctx.now();
        if (!old.flags().has(TicketFlags.RENEWABLE) || old.renewTill().isEmpty()) {
            throw new KdcError(ErrorCode.KDC_ERR_BADOPTION, "ticket is not renewable");
        }
        Instant renewTill = old.renewTill().get().instant();
        if (!renewTill.isAfter(now)) {
            throw new KdcError(ErrorCode.KRB_AP_ERR_TKT_EXPIRED, "ticket's renewable lifetime is over");
        }
        Instant oldStart = old.starttime().orElse(old.authtime()).instant();
        Duration life = Duration.between(oldStart, old.endtime().instant());
        KerberosTime start = KerberosTime.truncate(now);
        Instant end = start.instant().plus(life);
        if (end.isAfter(renewTill)) {
            end = renewTill;
        }
        EncTicketPart part = new EncTicketPart(old.flags(), old.key(), old.crealm(), old.cname(), old.transited(),
                old.authtime(), Optional.of(start), KerberosTime.truncate(end), old.renewTill(), old.caddr(),
                old.authorizationData());
        int etype = c.header().encPart().etype();
        try (KerberosKey serviceKey = headerService.key(etype).orElseThrow()) {
            Ticket ticket = TicketIssue.seal(c.header().realm(), c.header().sname(), part, serviceKey,
                    headerService.kvno(), ctx.random());
            return reply(c, ticket, part, List.of());
        }
    }

    private TgsRep serviceTicket(TgsReq req, Checked c, KdcPrincipal krbtgt, DomainInfo domain)
            throws KdcError, LsaException {
        KdcReqBody body = req.reqBody();
        KerberosPolicy kp = domain.policy().kerberos();
        PrincipalName sname = body.sname().orElseThrow(
                () -> new KdcError(ErrorCode.KDC_ERR_S_PRINCIPAL_UNKNOWN, "TGS-REQ without a server name"));
        Optional<PaData> forUser = PaData.find(req.padata(), PaData.PA_FOR_USER);
        Optional<PaData> x509User = PaData.find(req.padata(), PaData.PA_S4U_X509_USER);
        try (KdcPrincipal service = ctx.principals().service(domain, sname, body.realm())) {
            if (service.isChangePassword()) {
                // A password change must prove the old password, which a TGT does not (MIT: DISALLOW_TGT_BASED).
                throw new KdcError(ErrorCode.KDC_ERR_POLICY, "kadmin/changepw tickets come from the AS exchange only");
            }
            if (!service.isKrbtgt() && service.account().has(AccountFlag.DISABLED)) {
                throw new KdcError(ErrorCode.KDC_ERR_SERVICE_REVOKED, "the service account is disabled");
            }
            EncTicketPart tgt = c.tgt();
            PrincipalName cname = tgt.cname();
            String crealm = tgt.crealm();
            UserAccount client = c.client();
            Optional<PacIssuer.TicketPac> pac = c.pac();
            TicketFlags flags = TicketFlags.of();
            List<PaData> replyPadata = new ArrayList<>();
            boolean s4u = forUser.isPresent() || x509User.isPresent();
            boolean forwardableAllowed = tgt.flags().has(TicketFlags.FORWARDABLE)
                    && !client.has(AccountFlag.NOT_DELEGATED);
            if (s4u) {
                S4uRequest s4uRequest = s4uRequest(forUser, x509User, c, domain);
                // S4U2Self: the service asks for a ticket to itself on behalf of a user (MS-SFU 3.2.5.1.2).
                if (service.account().rid() != client.rid()) {
                    throw new KdcError(ErrorCode.KDC_ERR_BADOPTION, "S4U2Self must name the requesting service");
                }
                UserAccount user = ctx.principals().accountOf(domain, s4uRequest.user()).orElseThrow(
                        () -> new KdcError(ErrorCode.KDC_ERR_C_PRINCIPAL_UNKNOWN, "S4U2Self user not found"));
                Instant now = ctx.now();
                Optional<NtStatus> r = AccountRestrictions.check(user, domain.policy(), now, domain.machineName());
                if (r.isPresent() && (!r.get().equals(NtStatus.INVALID_LOGON_HOURS) || s4uRequest.checkLogonHours())
                        && !r.get().equals(NtStatus.INVALID_WORKSTATION)) {
                    throw AsExchange.restrictionError(r.get());
                }
                cname = s4uRequest.user();
                crealm = domain.realm();
                pac = Optional.of(new PacIssuer.Fresh(PacIssuer.build(ctx.store(), domain, user, now,
                        String.join("/", cname.nameString()))));
                // MS-SFU 3.2.5.1.2: the ticket is forwardable only when the service may use protocol transition
                // for delegation, and the user is not marked sensitive.
                forwardableAllowed = service.account().has(AccountFlag.TRUSTED_TO_AUTH_FOR_DELEGATION)
                        && !user.has(AccountFlag.NOT_DELEGATED);
                s4uRequest.reply().ifPresent(replyPadata::add);
            }
            if (!s4u && !service.isKrbtgt()) {
                requireNetworkLogonRight(client, domain);
            }
            if (body.kdcOptions().has(KdcOptions.FORWARDABLE) && forwardableAllowed) {
                flags = flags.with(TicketFlags.FORWARDABLE);
            }
            if (body.kdcOptions().has(KdcOptions.FORWARDED)) {
                if (!tgt.flags().has(TicketFlags.FORWARDABLE) || !service.isKrbtgt() || s4u) {
                    throw new KdcError(ErrorCode.KDC_ERR_BADOPTION, "FORWARDED needs a forwardable TGT and asks a TGT");
                }
                flags = flags.with(TicketFlags.FORWARDED);
            } else if (tgt.flags().has(TicketFlags.FORWARDED)) {
                flags = flags.with(TicketFlags.FORWARDED); // RFC 4120 2.6: echoed in tickets from a forwarded TGT
            }
            if (body.kdcOptions().has(KdcOptions.PROXIABLE) && tgt.flags().has(TicketFlags.PROXIABLE)) {
                flags = flags.with(TicketFlags.PROXIABLE);
            }
            if (tgt.flags().has(TicketFlags.PRE_AUTHENT)) {
                flags = flags.with(TicketFlags.PRE_AUTHENT);
            }
            if (!service.isKrbtgt() && service.account().has(AccountFlag.TRUSTED_FOR_DELEGATION)) {
                flags = flags.with(TicketFlags.OK_AS_DELEGATE);
            }
            Duration maxLife = service.isKrbtgt() ? kp.maxTicketAge() : kp.maxServiceTicketAge();
            Optional<Instant> renewLimit = tgt.flags().has(TicketFlags.RENEWABLE)
                    ? tgt.renewTill().map(KerberosTime::instant) : Optional.empty();
            TicketTimes times = TicketTimes.compute(body, ctx.now(), maxLife, tgt.endtime().instant(),
                    kp.maxRenewAge(), renewLimit);
            if (times.renewTill().isPresent()) {
                flags = flags.with(TicketFlags.RENEWABLE);
            }
            return issue(c, service, krbtgt, domain, body, cname, crealm, flags, times, pac,
                    service.isKrbtgt() && !s4u ? body.addresses() : tgt.caddr(), replyPadata);
        }
    }

    private TgsRep issue(Checked c, KdcPrincipal service, KdcPrincipal krbtgt, DomainInfo domain, KdcReqBody body,
                         PrincipalName cname, String crealm, TicketFlags flags, TicketTimes times,
                         Optional<PacIssuer.TicketPac> pac,
                         List<org.openlsa.krb5.HostAddress> caddr, List<PaData> replyPadata) throws KdcError {
        KerberosPolicy kp = domain.policy().kerberos();
        int sessionEtype = AsExchange.firstSessionEtype(body.etype(), kp.enctypes(), service)
                .orElseThrow(() -> new KdcError(ErrorCode.KDC_ERR_ETYPE_NOSUPP, "no session enctype in common"));
        try (KerberosKey session = TicketIssue.sessionKey(sessionEtype, ctx.random());
             KerberosKey serviceKey = service.bestKey(kp.enctypes());
             KerberosKey krbtgtKey = krbtgt.bestKey(kp.enctypes())) {
            AuthorizationData ad = pac.isPresent() ? pac.get().sign(serviceKey, krbtgtKey)
                    : new AuthorizationData(List.of());
            EncTicketPart part = new EncTicketPart(flags, TicketIssue.wire(session), crealm, cname,
                    c.tgt().transited(), c.tgt().authtime(), Optional.of(times.start()), times.end(), times.renewTill(),
                    caddr, ad);
            Ticket ticket = TicketIssue.seal(domain.realm(), service.name(), part, serviceKey, service.kvno(),
                    ctx.random());
            return reply(c, ticket, part, replyPadata);
        }
    }

    private TgsRep reply(Checked c, Ticket ticket, EncTicketPart part, List<PaData> padata) {
        EncKdcRepPart enc = new EncKdcRepPart(part.key(),
                new LastReq(List.of(new LastReqEntry(LastReqEntry.LR_NONE, part.authtime()))),
                c.nonce(), Optional.empty(), part.flags(), part.authtime(), part.starttime(),
                part.endtime(), part.renewTill(), ticket.realm(), ticket.sname(), part.caddr(), List.of());
        return new TgsRep(padata, part.crealm(), part.cname(), ticket, TicketIssue.encryptReply(enc,
                EncKdcRepPart.ENC_TGS_REP_PART, c.replyKey(), c.replyUsage(), OptionalInt.empty(), ctx.random()));
    }

    /**
     * A service ticket is for a network logon to a service of this realm, whose rights database this KDC shares:
     * an account without SeNetworkLogonRight, or denied it, gets KDC_ERR_POLICY with LOGON_TYPE_NOT_GRANTED now
     * rather than a ticket the service's LSA would refuse. TGTs are not checked (a TGT serves every logon type,
     * and the LSA checks the right of the type it logs on with); S4U2Self neither (the service's S4U logon does).
     */
    private void requireNetworkLogonRight(UserAccount user, DomainInfo domain) throws KdcError, LsaException {
        try {
            LogonRights.require(SecurityLogonType.NETWORK,
                    LogonRights.of(ctx.store(), user, domain, SecurityLogonType.NETWORK));
        } catch (LsaException e) {
            if (!e.status().equals(NtStatus.LOGON_TYPE_NOT_GRANTED)) {
                throw e;
            }
            throw KdcError.withStatus(ErrorCode.KDC_ERR_POLICY, NtStatus.LOGON_TYPE_NOT_GRANTED, e.getMessage());
        }
    }

    /** A decoded, checksum-verified S4U2Self request. */
    private record S4uRequest(PrincipalName user, boolean checkLogonHours, Optional<PaData> reply) {}

    private S4uRequest s4uRequest(Optional<PaData> forUser, Optional<PaData> x509User, Checked c, DomainInfo domain)
            throws KdcError {
        // PA-S4U-X509-USER wins when both are sent (MIT sends both; MS-SFU 3.2.5.1.1).
        if (x509User.isPresent()) {
            PaS4uX509User x;
            try {
                x = KrbCodec.decodePaS4uX509User(x509User.get().padataValue().toByteArray());
            } catch (KrbDecodeException e) {
                throw new KdcError(ErrorCode.KDC_ERR_PADATA_TYPE_NOSUPP, "malformed PA-S4U-X509-USER");
            }
            S4uUserId id = x.userId();
            if (id.cname().isEmpty() || !domain.realm().equalsIgnoreCase(id.crealm())) {
                throw new KdcError(ErrorCode.KDC_ERR_C_PRINCIPAL_UNKNOWN, "S4U2Self user not in this realm");
            }
            byte[] input = x.encodedUserId().toByteArray();
            if (!verifiesWithAny(x.checksum(), input, TicketIssue.USAGE_PA_S4U_X509_USER_REQUEST, c)) {
                throw new KdcError(ErrorCode.KRB_AP_ERR_MODIFIED, "PA-S4U-X509-USER checksum does not verify");
            }
            // The reply echoes the user id with a checksum under the reply key, so the client knows the KDC saw
            // its request unmodified (MS-SFU 2.2.2, MIT's verify_s4u2self_reply).
            int usage = id.hasOption(S4uUserId.USE_REPLY_KEY_USAGE) ? TicketIssue.USAGE_PA_S4U_X509_USER_REPLY
                    : TicketIssue.USAGE_PA_S4U_X509_USER_REQUEST;
            byte[] echoed = KrbCodec.encode(id);
            ChecksumType type = c.replyKey().type().checksumType();
            Checksum cks = new Checksum(type.id(), Bytes.of(KerberosCrypto.checksum(type, c.replyKey(), usage, echoed)));
            PaData reply = new PaData(PaData.PA_S4U_X509_USER, Bytes.of(KrbCodec.encode(KrbCodec.paS4uX509User(id, cks))));
            return new S4uRequest(id.cname().get(), id.hasOption(S4uUserId.CHECK_LOGON_HOUR_RESTRICTIONS),
                    Optional.of(reply));
        }
        PaForUser f;
        try {
            f = KrbCodec.decodePaForUser(forUser.orElseThrow().padataValue().toByteArray());
        } catch (KrbDecodeException e) {
            throw new KdcError(ErrorCode.KDC_ERR_PADATA_TYPE_NOSUPP, "malformed PA-FOR-USER");
        }
        if (!domain.realm().equalsIgnoreCase(f.userRealm())) {
            throw new KdcError(ErrorCode.KDC_ERR_C_PRINCIPAL_UNKNOWN, "S4U2Self user not in this realm");
        }
        if (f.cksum().cksumtype() != Checksum.HMAC_MD5) {
            throw new KdcError(ErrorCode.KDC_ERR_SUMTYPE_NOSUPP, "PA-FOR-USER checksum must be HMAC-MD5 (MS-SFU 2.2.1)");
        }
        try (KerberosKey session = TicketIssue.key(c.tgt().key())) {
            if (!KerberosCrypto.verifyChecksum(ChecksumType.HMAC_MD5, session, TicketIssue.USAGE_PA_FOR_USER,
                    f.checksumInput(), f.cksum().checksum().toByteArray())) {
                throw new KdcError(ErrorCode.KRB_AP_ERR_MODIFIED, "PA-FOR-USER checksum does not verify");
            }
        }
        return new S4uRequest(f.userName(), false, Optional.empty());
    }

    /** The TGS-REQ's subkey or, failing that, the TGT session key (clients differ in which they use). */
    private static boolean verifiesWithAny(Checksum cksum, byte[] input, int usage, Checked c) throws KdcError {
        Optional<ChecksumType> type = ChecksumType.of(cksum.cksumtype());
        if (type.isEmpty()) {
            return false;
        }
        byte[] value = cksum.checksum().toByteArray();
        if (c.authenticator().subkey().isPresent()) {
            try (KerberosKey sub = TicketIssue.key(c.authenticator().subkey().get())) {
                if (KerberosCrypto.verifyChecksum(type.get(), sub, usage, input, value)) {
                    return true;
                }
            }
        }
        try (KerberosKey session = TicketIssue.key(c.tgt().key())) {
            return KerberosCrypto.verifyChecksum(type.get(), session, usage, input, value);
        }
    }

    /**
     * S4U2Proxy (MS-SFU 3.2.5.2): the requesting service presents the user's forwardable ticket to itself and
     * asks for a ticket to another service as that user; allowed only to the SPNs on its allowed-to-delegate-to
     * list (classic constrained delegation).
     */
    private TgsRep s4u2Proxy(TgsReq req, Checked c, KdcPrincipal krbtgt, DomainInfo domain)
            throws KdcError, LsaException {
        KdcReqBody body = req.reqBody();
        KerberosPolicy kp = domain.policy().kerberos();
        if (body.additionalTickets().isEmpty()) {
            throw new KdcError(ErrorCode.KDC_ERR_BADOPTION, "CNAME-IN-ADDL-TKT without an additional ticket");
        }
        Ticket evidence = body.additionalTickets().get(0);
        PrincipalName sname = body.sname().orElseThrow(
                () -> new KdcError(ErrorCode.KDC_ERR_S_PRINCIPAL_UNKNOWN, "TGS-REQ without a server name"));
        UserAccount requester = c.client();
        try (KdcPrincipal evidenceService = ctx.principals().service(domain, evidence.sname(), evidence.realm());
             KdcPrincipal target = ctx.principals().service(domain, sname, body.realm())) {
            if (evidenceService.account().rid() != requester.rid()) {
                throw new KdcError(ErrorCode.KDC_ERR_BADOPTION, "the evidence ticket is not for the requesting service");
            }
            EncTicketPart ev = TicketIssue.open(evidence, evidenceService);
            if (!ev.flags().has(TicketFlags.FORWARDABLE)) {
                throw KdcError.withStatus(ErrorCode.KDC_ERR_BADOPTION, NtStatus.ACCOUNT_RESTRICTION,
                        "the evidence ticket is not forwardable");
            }
            if (!ev.endtime().instant().isAfter(ctx.now())) {
                throw new KdcError(ErrorCode.KRB_AP_ERR_TKT_EXPIRED, "the evidence ticket expired");
            }
            UserAccount user = ctx.principals().accountOf(domain, ev.cname()).orElseThrow(
                    () -> new KdcError(ErrorCode.KDC_ERR_C_PRINCIPAL_UNKNOWN, "the delegated user no longer exists"));
            requireNetworkLogonRight(user, domain);
            String targetSpn = String.join("/", sname.nameString());
            boolean allowed = ctx.store().allowedToDelegateTo(requester.rid()).stream()
                    .anyMatch(s -> s.equalsIgnoreCase(targetSpn));
            if (!allowed) {
                throw KdcError.withStatus(ErrorCode.KDC_ERR_BADOPTION, NtStatus.NOT_SUPPORTED,
                        "constrained delegation to " + targetSpn + " is not allowed for this service");
            }
            Optional<PacIssuer.TicketPac> pac = Optional.empty();
            Optional<byte[]> encodedPac = PacIssuer.find(ev.authorizationData());
            if (encodedPac.isPresent()) {
                try (KerberosKey evKey = evidenceService.key(evidence.encPart().etype()).orElseThrow();
                     KerberosKey krbtgtKey = krbtgt.bestKey(kp.enctypes())) {
                    pac = Optional.of(PacIssuer.verify(encodedPac.get(), evKey, krbtgtKey));
                }
            }
            TicketFlags flags = TicketFlags.of(TicketFlags.FORWARDABLE);
            if (ev.flags().has(TicketFlags.PRE_AUTHENT)) {
                flags = flags.with(TicketFlags.PRE_AUTHENT);
            }
            Instant endLimit = ev.endtime().instant().isBefore(c.tgt().endtime().instant())
                    ? ev.endtime().instant() : c.tgt().endtime().instant();
            TicketTimes times = TicketTimes.compute(body, ctx.now(), kp.maxServiceTicketAge(), endLimit,
                    Duration.ZERO, Optional.empty());
            return issue(c, target, krbtgt, domain, body, ev.cname(), ev.crealm(), flags, times, pac, ev.caddr(),
                    List.of());
        }
    }
}
