package org.openlsa.kdc.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.crypto.kerberos.EncryptionType;
import org.openlsa.crypto.kerberos.KerberosCrypto;
import org.openlsa.crypto.kerberos.KerberosCryptoException;
import org.openlsa.crypto.kerberos.KerberosKey;
import org.openlsa.krb5.AsRep;
import org.openlsa.krb5.AsReq;
import org.openlsa.krb5.AuthorizationData;
import org.openlsa.krb5.Bytes;
import org.openlsa.krb5.EncKdcRepPart;
import org.openlsa.krb5.EncTicketPart;
import org.openlsa.krb5.EncryptedData;
import org.openlsa.krb5.ErrorCode;
import org.openlsa.krb5.EtypeInfo2Entry;
import org.openlsa.krb5.HostAddress;
import org.openlsa.krb5.KdcOptions;
import org.openlsa.krb5.KdcReqBody;
import org.openlsa.krb5.KerberosTime;
import org.openlsa.krb5.LastReq;
import org.openlsa.krb5.LastReqEntry;
import org.openlsa.krb5.PaData;
import org.openlsa.pkinit.PkinitException;
import org.openlsa.pkinit.PkinitKdc;
import org.openlsa.krb5.PaEncTsEnc;
import org.openlsa.krb5.PaPacRequest;
import org.openlsa.krb5.PrincipalName;
import org.openlsa.krb5.Ticket;
import org.openlsa.krb5.TicketFlags;
import org.openlsa.krb5.TransitedEncoding;
import org.openlsa.krb5.der.KrbCodec;
import org.openlsa.krb5.der.KrbDecodeException;
import org.openlsa.sam.AccountFlag;
import org.openlsa.sam.AccountRestrictions;
import org.openlsa.sam.DomainInfo;
import org.openlsa.sam.DomainPolicy;
import org.openlsa.sam.KerberosKeyEntry;
import org.openlsa.sam.KerberosPolicy;
import org.openlsa.sam.Lockout;
import org.openlsa.sam.SecurityEvent;
import org.openlsa.sam.SamAccounting;
import org.openlsa.sam.UserAccount;

/**
 * The AS exchange (RFC 4120 3.1.2 to 3.1.5) over the account database.
 *
 * <p>Order of checks, chosen so an unauthenticated client learns as little as MSV1_0 would tell it:
 * <ol>
 *   <li>client and server exist and share an enctype (C/S_PRINCIPAL_UNKNOWN, ETYPE_NOSUPP);</li>
 *   <li>a locked-out account is refused before its password is tried (CLIENT_REVOKED), as MSV1_0 does;</li>
 *   <li>pre-authentication: without PA-ENC-TIMESTAMP, PREAUTH_REQUIRED with ETYPE-INFO2 (not a failure, not
 *       counted); a timestamp that does not decrypt is a wrong password, counted by the same atomic SAM update as
 *       MSV1_0's (PREAUTH_FAILED, or CLIENT_REVOKED when it locks the account); one outside the skew is SKEW;</li>
 *   <li>the account restrictions, only once the password is proven (CLIENT_REVOKED, KEY_EXPIRED, POLICY), carrying
 *       the NTSTATUS in KERB-EXT-ERROR as Active Directory does;</li>
 *   <li>success clears a bad-password count, exactly once per logon whichever protocol it came by.</li>
 * </ol>
 */
public final class AsExchange {
    private final KdcContext ctx;

    public AsExchange(KdcContext ctx) {
        this.ctx = ctx;
    }

    public AsRep handle(AsReq req, DomainInfo domain) throws KdcError, LsaException {
        return handle(req, domain, "");
    }

    /** @param clientAddress where the request came from, for the audit log (empty when unknown) */
    public AsRep handle(AsReq req, DomainInfo domain, String clientAddress) throws KdcError, LsaException {
        KdcReqBody body = req.reqBody();
        KerberosPolicy kp = domain.policy().kerberos();
        PrincipalName cname = body.cname().orElseThrow(
                () -> new KdcError(ErrorCode.KDC_ERR_C_PRINCIPAL_UNKNOWN, "AS-REQ without a client name"));
        PrincipalName sname = body.sname().orElseThrow(
                () -> new KdcError(ErrorCode.KDC_ERR_S_PRINCIPAL_UNKNOWN, "AS-REQ without a server name"));
        Instant now = ctx.now();
        try (KdcPrincipal client = ctx.principals().client(domain, cname, body.realm(),
                body.kdcOptions().has(KdcOptions.CANONICALIZE));
             KdcPrincipal server = ctx.principals().service(domain, sname, body.realm());
             KdcPrincipal krbtgt = server.isKrbtgt() ? null : ctx.principals().krbtgt(domain)) {
            UserAccount user = client.account();
            // The client's long-term key: the first enctype it asked for that policy allows and it has a key for.
            List<Integer> offered = new ArrayList<>(body.etype());
            offered.retainAll(kp.enctypes());
            int replyEtype = client.firstEnctypeOf(offered).orElseThrow(() -> new KdcError(
                    ErrorCode.KDC_ERR_ETYPE_NOSUPP, "no enctype in common with the client's keys"));
            int sessionEtype = firstSessionEtype(body.etype(), kp.enctypes(), server)
                    .orElseThrow(() -> new KdcError(ErrorCode.KDC_ERR_ETYPE_NOSUPP, "no session enctype in common"));

            DomainPolicy policy = domain.policy();
            if (Lockout.isLockedOut(user, user.logonState(), policy, now)) {
                throw KdcError.withStatus(ErrorCode.KDC_ERR_CLIENT_REVOKED, NtStatus.ACCOUNT_LOCKED_OUT,
                        "account locked out");
            }
            // PKINIT first (RFC 4556): a client that sent both meant the certificate.
            Optional<PaData> pk = ctx.pkinit().isPresent() ? PaData.find(req.padata(), PaData.PA_PK_AS_REQ)
                    : Optional.empty();
            Optional<PaData> ts = pk.isPresent() ? Optional.empty() : PaData.find(req.padata(), PaData.PA_ENC_TIMESTAMP);
            boolean preauthRequired = kp.preauthRequired() && !user.has(AccountFlag.DONT_REQUIRE_PREAUTH);
            int keyEtype = replyEtype;
            PkinitKdc.Result pkinit = null;
            if (pk.isPresent()) {
                pkinit = verifyPkinit(pk.get(), req, client, domain, now, kp);
                keyEtype = pkinit.replyKey().type().id();
            } else if (ts.isPresent()) {
                keyEtype = verifyTimestamp(ts.get(), client, domain, now, clientAddress);
                // The password was right, but this account logs on with a certificate only (UF_SMARTCARD_REQUIRED),
                // as MSV1_0 refuses it too; told only to a client that proved the password.
                if (user.has(AccountFlag.SMARTCARD_REQUIRED)) {
                    throw KdcError.withStatus(ErrorCode.KDC_ERR_POLICY, NtStatus.SMARTCARD_LOGON_REQUIRED,
                            "this account must log on with a certificate (PKINIT)");
                }
            } else if (preauthRequired) {
                throw preauthRequired(client, replyEtype, kp);
            }
            // An expired password may still buy a kpasswd ticket: that is how it gets changed (MIT and AD alike).
            Optional<NtStatus> restriction = AccountRestrictions.check(user, policy, now,
                    netbiosName(body.addresses())).filter(r -> !server.isChangePassword()
                            || !r.equals(NtStatus.PASSWORD_EXPIRED) && !r.equals(NtStatus.PASSWORD_MUST_CHANGE));
            if (restriction.isPresent()) {
                throw restrictionError(restriction.get());
            }
            SamAccounting.success(ctx.store(), user, policy, now, false);

            // A kpasswd ticket is for one password change, now: short, not renewable, not forwardable, no PAC.
            boolean changepw = server.isChangePassword();
            TicketTimes times = changepw
                    ? TicketTimes.compute(body, now, min(kp.maxTicketAge(), CHANGEPW_MAX_LIFE), Instant.MAX,
                            Duration.ZERO, Optional.empty())
                    : TicketTimes.compute(body, now, kp.maxTicketAge(), Instant.MAX, kp.maxRenewAge(),
                            Optional.of(Instant.MAX));
            TicketFlags flags = TicketFlags.of(TicketFlags.INITIAL);
            if (ts.isPresent() || pkinit != null) {
                flags = flags.with(TicketFlags.PRE_AUTHENT);
            }
            if (body.kdcOptions().has(KdcOptions.FORWARDABLE) && !changepw) {
                flags = flags.with(TicketFlags.FORWARDABLE);
            }
            if (body.kdcOptions().has(KdcOptions.PROXIABLE) && !changepw) {
                flags = flags.with(TicketFlags.PROXIABLE);
            }
            if (times.renewTill().isPresent()) {
                flags = flags.with(TicketFlags.RENEWABLE);
            }
            if (!server.isKrbtgt() && server.account().has(AccountFlag.TRUSTED_FOR_DELEGATION)) {
                flags = flags.with(TicketFlags.OK_AS_DELEGATE);
            }
            boolean includePac = !changepw && PaData.find(req.padata(), PaData.PA_PAC_REQUEST)
                    .map(AsExchange::includePac).orElse(true);
            try (KerberosKey session = TicketIssue.sessionKey(sessionEtype, ctx.random());
                 KerberosKey ticketKey = server.bestKey(kp.enctypes());
                 KerberosKey krbtgtKey = (krbtgt == null ? server : krbtgt).bestKey(kp.enctypes());
                 KerberosKey replyKey = pkinit != null ? pkinit.replyKey() : client.key(keyEtype).orElseThrow()) {
                String clientName = String.join("/", client.name().nameString());
                AuthorizationData ad = includePac
                        ? PacIssuer.sign(PacIssuer.build(ctx.store(), domain, user, times.start().instant(), clientName),
                                ticketKey, krbtgtKey)
                        : new AuthorizationData(List.of());
                EncTicketPart part = new EncTicketPart(flags, TicketIssue.wire(session), domain.realm(),
                        client.name(), new TransitedEncoding(TransitedEncoding.DOMAIN_X500_COMPRESS, Bytes.of(new byte[0])),
                        times.start(), Optional.of(times.start()), times.end(), times.renewTill(), body.addresses(), ad);
                Ticket ticket = TicketIssue.seal(domain.realm(), sname, part, ticketKey, server.kvno(), ctx.random());
                Optional<KerberosTime> keyExpiration = AccountRestrictions.passwordMustChangeAt(user, policy)
                        .map(KerberosTime::truncate);
                EncKdcRepPart enc = new EncKdcRepPart(TicketIssue.wire(session),
                        new LastReq(List.of(new LastReqEntry(LastReqEntry.LR_NONE, times.start()))), body.nonce(),
                        keyExpiration, flags, times.start(), Optional.of(times.start()), times.end(),
                        times.renewTill(), domain.realm(), sname, body.addresses(), List.of());
                // Windows and impacket expect EncASRepPart [APPLICATION 25] here; MIT and the JDK accept it too.
                // A PKINIT reply key is no long-term key of the client's: no kvno, no ETYPE-INFO2, the PA-PK-AS-REP.
                EncryptedData encPart = TicketIssue.encryptReply(enc, EncKdcRepPart.ENC_AS_REP_PART, replyKey,
                        TicketIssue.USAGE_AS_REP, pkinit != null ? OptionalInt.empty() : OptionalInt.of(client.kvno()),
                        ctx.random());
                List<PaData> padata = new ArrayList<>();
                if (pkinit != null) {
                    padata.add(new PaData(PaData.PA_PK_AS_REP, Bytes.of(pkinit.paPkAsRep())));
                } else {
                    padata.add(etypeInfo2(client, keyEtype));
                }
                return new AsRep(padata, domain.realm(), client.name(), ticket, encPart);
            }
        }
    }

    /** The longest kpasswd ticket: MIT's kpasswd asks for five minutes, and a change needs seconds. */
    static final Duration CHANGEPW_MAX_LIFE = Duration.ofMinutes(5);

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** The session key's enctype: the client's first choice that policy allows and the server can use. */
    static Optional<Integer> firstSessionEtype(List<Integer> requested, List<Integer> allowed, KdcPrincipal server) {
        for (int e : requested) {
            if (allowed.contains(e) && EncryptionType.of(e).isPresent()
                    && (server.isKrbtgt() || server.entry(e).isPresent())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private static boolean includePac(PaData pa) {
        try {
            return KrbCodec.decodePaPacRequest(pa.padataValue().toByteArray()).includePac();
        } catch (KrbDecodeException e) {
            return true; // a malformed request for "no PAC" gets the default, a PAC
        }
    }

    /** Returns the enctype whose key opened the timestamp. */
    private int verifyTimestamp(PaData pa, KdcPrincipal client, DomainInfo domain, Instant now, String clientAddress)
            throws KdcError, LsaException {
        EncryptedData enc;
        try {
            enc = KrbCodec.decodeEncryptedData(pa.padataValue().toByteArray());
        } catch (KrbDecodeException e) {
            throw new KdcError(ErrorCode.KDC_ERR_PREAUTH_FAILED, "malformed PA-ENC-TIMESTAMP");
        }
        if (!domain.policy().kerberos().enctypes().contains(enc.etype())) {
            throw new KdcError(ErrorCode.KDC_ERR_ETYPE_NOSUPP, "PA-ENC-TIMESTAMP in a disallowed enctype");
        }
        Optional<KerberosKey> key = client.key(enc.etype());
        if (key.isEmpty()) {
            throw new KdcError(ErrorCode.KDC_ERR_ETYPE_NOSUPP, "no client key of the timestamp's enctype");
        }
        PaEncTsEnc stamp;
        try (KerberosKey k = key.get()) {
            byte[] plain = KerberosCrypto.decrypt(k, TicketIssue.USAGE_PA_ENC_TIMESTAMP, enc.cipher().toByteArray());
            stamp = KrbCodec.decodePaEncTsEnc(plain);
        } catch (KerberosCryptoException | KrbDecodeException e) {
            // Wrong password (or garbage): counted exactly like an MSV1_0 wrong password, and audited as Windows
            // does (4771 for the attempt; 4740 when it is the one that locked the account).
            UserAccount user = client.account();
            java.util.concurrent.atomic.AtomicBoolean lockedNow = new java.util.concurrent.atomic.AtomicBoolean();
            try {
                throw SamAccounting.badPassword(ctx.store(), user, domain.policy(), now, () -> lockedNow.set(true));
            } catch (LsaException counted) {
                ctx.events().record(SecurityEvent.of(now, SecurityEvent.PREAUTH_FAILED, "preauthFailure",
                        counted.subStatus(), user, domain, "kdc", "", clientAddress, List.of()));
                if (lockedNow.get()) {
                    ctx.events().record(SecurityEvent.of(now, SecurityEvent.ACCOUNT_LOCKED_OUT, "lockout",
                            NtStatus.ACCOUNT_LOCKED_OUT, user, domain, "kdc", "", clientAddress, List.of()));
                }
                if (counted.subStatus().equals(NtStatus.ACCOUNT_LOCKED_OUT)) {
                    throw KdcError.withStatus(ErrorCode.KDC_ERR_CLIENT_REVOKED, NtStatus.ACCOUNT_LOCKED_OUT,
                            "account locked out");
                }
                if (counted.subStatus().equals(NtStatus.WRONG_PASSWORD)) {
                    throw KdcError.withStatus(ErrorCode.KDC_ERR_PREAUTH_FAILED, NtStatus.WRONG_PASSWORD,
                            "pre-authentication failed");
                }
                throw counted;
            }
        }
        Duration skew = domain.policy().kerberos().maxClockSkew();
        Instant stamped = stamp.patimestamp().instant();
        if (stamped.isBefore(now.minus(skew)) || stamped.isAfter(now.plus(skew))) {
            throw new KdcError(ErrorCode.KRB_AP_ERR_SKEW, "clock skew too great");
        }
        return enc.etype();
    }

    /**
     * PKINIT (docs/kdc.md, "PKINIT"): the AS-REQ's PA-PK-AS-REQ verified against the realm's anchors and the client's
     * name, the reply key agreed. Its enctype is the client's first that policy allows: a certificate user may have
     * no password keys at all.
     */
    private PkinitKdc.Result verifyPkinit(PaData pa, AsReq req, KdcPrincipal client, DomainInfo domain, Instant now,
                                          KerberosPolicy kp) throws KdcError {
        int etype = req.reqBody().etype().stream().filter(e -> kp.enctypes().contains(e)
                && EncryptionType.of(e).isPresent()).findFirst().orElseThrow(() -> new KdcError(
                        ErrorCode.KDC_ERR_ETYPE_NOSUPP, "no enctype in common for the PKINIT reply key"));
        try {
            return PkinitKdc.respond(ctx.pkinit().orElseThrow(), pa.padataValue().toByteArray(),
                    req.encodedReqBody().toByteArray(), req.reqBody().nonce(), client.name(), domain.realm(), now,
                    kp.maxClockSkew(), etype, ctx.random());
        } catch (PkinitException e) {
            // TD-DH-PARAMETERS and the like go back as the KRB-ERROR's e-data, so the client can retry.
            throw new KdcError(e.errorCode(), "PKINIT: " + e.getMessage(), Optional.empty(), e.eData().map(Bytes::of));
        }
    }

    private KdcError preauthRequired(KdcPrincipal client, int etype, KerberosPolicy kp) {
        List<PaData> methods = new ArrayList<>();
        methods.add(etypeInfo2(client, etype));
        if (ctx.pkinit().isPresent()) {
            methods.add(new PaData(PaData.PA_PK_AS_REQ, Bytes.of(new byte[0])));
        }
        methods.add(new PaData(PaData.PA_ENC_TIMESTAMP, Bytes.of(new byte[0])));
        return new KdcError(ErrorCode.KDC_ERR_PREAUTH_REQUIRED, "pre-authentication required",
                Optional.empty(), Optional.of(Bytes.of(KrbCodec.encodeMethodData(methods))));
    }

    /** ETYPE-INFO2 naming the key the client must use, with its stored salt (RFC 4120 5.2.7.5). */
    static PaData etypeInfo2(KdcPrincipal client, int etype) {
        KerberosKeyEntry entry = client.entry(etype).orElseThrow();
        String salt = new String(entry.salt(), java.nio.charset.StandardCharsets.UTF_8);
        EtypeInfo2Entry e = new EtypeInfo2Entry(etype, etype == EncryptionType.RC4_HMAC.id() ? Optional.empty()
                : Optional.of(salt), Optional.empty());
        return new PaData(PaData.PA_ETYPE_INFO2, Bytes.of(KrbCodec.encodeEtypeInfo2(List.of(e))));
    }

    /**
     * The client's workstation: the NetBIOS address (type 20) a Windows client puts in the AS-REQ, 16 octets padded
     * with spaces (RFC 4120 7.5.3). MIT and the JDK send none by default; then there is no workstation to check.
     */
    static Optional<String> netbiosName(List<HostAddress> addresses) {
        for (HostAddress a : addresses) {
            if (a.addrType() == HostAddress.ADDRTYPE_NETBIOS) {
                String name = new String(a.address().toByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1)
                        .stripTrailing();
                if (!name.isEmpty()) {
                    return Optional.of(name);
                }
            }
        }
        return Optional.empty();
    }

    /** The KDC error for an account restriction found once the password was proven (MS-KILE 3.3.5.6.1). */
    static KdcError restrictionError(NtStatus subStatus) {
        ErrorCode code;
        if (subStatus.equals(NtStatus.PASSWORD_EXPIRED) || subStatus.equals(NtStatus.PASSWORD_MUST_CHANGE)) {
            code = ErrorCode.KDC_ERR_KEY_EXPIRED;
        } else if (subStatus.equals(NtStatus.INVALID_WORKSTATION)) {
            code = ErrorCode.KDC_ERR_POLICY;
        } else {
            code = ErrorCode.KDC_ERR_CLIENT_REVOKED;
        }
        return KdcError.withStatus(code, subStatus, "account restriction: " + subStatus);
    }
}
