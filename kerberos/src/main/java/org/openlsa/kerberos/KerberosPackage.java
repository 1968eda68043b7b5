package org.openlsa.kerberos;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.openlsa.core.GroupAttributes;
import org.openlsa.core.ImpersonationLevel;
import org.openlsa.kerberos.internal.ForwardedTgt;
import org.openlsa.kerberos.internal.HostAccount;
import org.openlsa.krb5.EncTicketPart;
import org.openlsa.krb5.Ticket;
import org.openlsa.krb5.TicketFlags;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.core.NtTime;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.core.Sid;
import org.openlsa.core.SidAndAttributes;
import org.openlsa.core.WellKnownSids;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.crypto.kerberos.EncryptionType;
import org.openlsa.crypto.kerberos.KerberosCrypto;
import org.openlsa.crypto.kerberos.KerberosCryptoException;
import org.openlsa.engine.spi.AuthenticationPackage;
import org.openlsa.engine.spi.CallPackageRequest;
import org.openlsa.engine.spi.PackageCallResult;
import org.openlsa.engine.spi.PackageContext;
import org.openlsa.engine.spi.PackageLogonRequest;
import org.openlsa.engine.spi.PackageLogonResult;
import org.openlsa.engine.spi.ProfileDetails;
import org.openlsa.engine.spi.logon.InteractiveLogon;
import org.openlsa.engine.spi.logon.InteractiveLogonCodec;
import org.openlsa.engine.spi.logon.InteractiveProfile;
import org.openlsa.kdc.client.KdcClient;
import org.openlsa.kdc.client.KdcClient.Credential;
import org.openlsa.kdc.client.KdcClient.KdcRefusal;
import org.openlsa.kdc.client.KdcUnreachableException;
import org.openlsa.kdc.protocol.EmbeddedKdc;
import org.openlsa.kerberos.internal.KdcStatus;
import org.openlsa.kerberos.internal.RealmRoutes;
import org.openlsa.kerberos.internal.SessionTickets;
import org.openlsa.kerberos.internal.TgtRenewal;
import org.openlsa.kerberos.internal.TicketVerifier;
import org.openlsa.krb5.ErrorCode;
import org.openlsa.krb5.HostAddress;
import org.openlsa.krb5.Bytes;
import org.openlsa.krb5.KdcOptions;
import org.openlsa.krb5.PrincipalName;
import org.openlsa.krb5.der.KrbCodec;
import org.openlsa.krb5.der.KrbDecodeException;
import org.openlsa.pac.KerbValidationInfo;
import org.openlsa.pac.Pac;
import org.openlsa.sam.AccountFlag;
import org.openlsa.sam.DomainInfo;
import org.openlsa.sam.Passwords;
import org.openlsa.crypto.kerberos.KerberosKey;
import org.openlsa.sam.KerberosKeyEntry;
import org.openlsa.sam.KerberosKeySet;
import org.openlsa.sam.KerberosKeys;
import org.openlsa.sam.SamAccounting;
import org.openlsa.sam.UserAccount;

/**
 * The Kerberos authentication package ("Kerberos", MICROSOFT_KERBEROS_NAME_A).
 *
 * <p>A password logon (KERB_INTERACTIVE_LOGON for Interactive, Batch, Service, NetworkCleartext and
 * RemoteInteractive; KERB_INTERACTIVE_UNLOCK_LOGON for Unlock) is an AS exchange with the realm's KDC
 * ({@link KdcClient#passwordAsExchange}): the KDC checks the password and the account's restrictions, and counts
 * bad passwords towards lockout. The TGT it returns is believed only once checked (see {@link TicketVerifier}),
 * and the token information comes from its verified PAC. The TGT then lives in the new session's ticket cache,
 * from which the CallPackage messages serve service tickets, until the session ends.
 *
 * <p>KERB_TICKET_LOGON (Network) opens a service ticket a client sent to this host and puts the client's forwarded
 * TGT, if any, in the new session; KERB_S4U_LOGON obtains the user's ticket with the host's own credentials
 * (S4U2Self). Both give a caller without SeTcbPrivilege an identification token only. The unlock forms also
 * refresh the tickets of the locked session when it belongs to the same client.
 */
public final class KerberosPackage implements AuthenticationPackage {
    public static final String NAME = "Kerberos";
    /** An AES PA-ENC-TIMESTAMP's cipher: confounder, the DER PA-ENC-TS-ENC with microseconds, HMAC. */
    private static final int PA_ENC_TIMESTAMP_CIPHER_BYTES = 16 + 26 + 12;

    /** The enctypes a password logon offers, most preferred first: those Windows and MIT use by default. */
    public static final List<EncryptionType> ENCTYPES = List.of(EncryptionType.AES256_CTS_HMAC_SHA1_96,
            EncryptionType.AES128_CTS_HMAC_SHA1_96, EncryptionType.AES256_CTS_HMAC_SHA384_192,
            EncryptionType.AES128_CTS_HMAC_SHA256_128);
    /** The TGT lifetime asked for (the KDC may grant less), Windows' default. */
    public static final Duration TGT_LIFETIME = Duration.ofHours(10);
    /** How long a TGT may be renewed (the KDC may grant less): Windows' default MaxRenewAge. */
    public static final Duration TGT_RENEWABLE_LIFETIME = Duration.ofDays(7);

    private static final Set<SecurityLogonType> PASSWORD_TYPES = Set.of(SecurityLogonType.INTERACTIVE,
            SecurityLogonType.BATCH, SecurityLogonType.SERVICE, SecurityLogonType.NETWORK_CLEARTEXT,
            SecurityLogonType.REMOTE_INTERACTIVE);
    private static final Set<SecurityLogonType> S4U_TYPES = Set.of(SecurityLogonType.NETWORK, SecurityLogonType.BATCH,
            SecurityLogonType.SERVICE, SecurityLogonType.INTERACTIVE);
    /** RFC 4120 1.6's customary clock skew allowance, for the times of tickets a caller presents. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final int ASSERTED_IDENTITY_ATTRIBUTES = GroupAttributes.MANDATORY | GroupAttributes.ENABLED_BY_DEFAULT
            | GroupAttributes.ENABLED;

    private final KerberosConfig config;
    private final EmbeddedKdc embeddedKdc;
    private final SessionTickets sessions = new SessionTickets();
    private final SecureRandom secureRandom = new SecureRandom();
    private PackageContext context;
    private Clock clock;
    private RealmRoutes routes;
    private TicketVerifier verifier;
    private TicketCacheCalls calls;
    private TgtRenewal renewal;

    /** The embedded realm only, served by {@code embeddedKdc}. */
    public KerberosPackage(EmbeddedKdc embeddedKdc) {
        this(KerberosConfig.embedded(), embeddedKdc);
    }

    /**
     * The realms {@code config} names, the embedded one served by {@code embeddedKdc}: the KDC of the account
     * database the engine hands this package, the same object the process serves on the network (its replay cache
     * must see every authenticator of the realm). The package never makes a KDC of its own.
     */
    public KerberosPackage(KerberosConfig config, EmbeddedKdc embeddedKdc) {
        this.config = Objects.requireNonNull(config, "config");
        this.embeddedKdc = Objects.requireNonNull(embeddedKdc, "embeddedKdc");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void initialize(PackageContext ctx) {
        this.context = ctx;
        this.clock = ctx.clock() instanceof Clock c ? c : ctx.clock().withZone(ZoneOffset.UTC);
        this.routes = new RealmRoutes(config.conf(), ctx.store(), embeddedKdc, clock, secureRandom);
        this.verifier = new TicketVerifier(ctx.store(), config.keytab());
        this.calls = new TicketCacheCalls(routes, sessions, clock, new KerbPasswordChange(routes));
        this.renewal = TgtRenewal.start(sessions, routes::client, clock);
    }

    @Override
    public void shutdown() {
        if (renewal != null) {
            renewal.stop();
        }
        sessions.endAll();
    }

    /**
     * Renews every session's TGT that is due now ({@link TgtRenewal#renewDue}); returns how many. The package runs
     * it every {@link TgtRenewal#SWEEP}; it is public so that a test or an embedding application can sweep when it
     * chooses.
     */
    public int renewDueTickets() {
        return renewal.renewDue();
    }

    @Override
    public Optional<SecretBytes> encodePasswordLogon(SecurityLogonType logonType, String userName, String domain,
                                                     SecretBytes password) {
        Optional<Luid> unlock = logonType == SecurityLogonType.UNLOCK ? Optional.of(Luid.ZERO) : Optional.empty();
        return Optional.of(KerbInteractiveLogonCodec.encode(new InteractiveLogon(domain, userName, password,
                unlock)));
    }

    /**
     * The names a failed logon is audited under: domain and user of a password logon, realm and UPN of an S4U
     * logon. A ticket logon names its client only inside the encrypted ticket, which a failed logon may not have
     * opened: none.
     */
    @Override
    public Optional<String[]> namesForAudit(SecretBytes authenticationInformation) {
        try {
            int type = InteractiveLogonCodec.messageType(authenticationInformation);
            if (type == KerbLogonSubmitType.S4U_LOGON.value()) {
                KerbS4uLogon s4u = authenticationInformation.read(KerbLogonCodecs::decodeS4uLogon);
                return Optional.of(new String[] {s4u.clientRealm(), s4u.clientUpn()});
            }
            try (InteractiveLogon logon = KerbInteractiveLogonCodec.decode(authenticationInformation)) {
                return Optional.of(new String[] {logon.logonDomainName(), logon.userName()});
            }
        } catch (LsaException e) {
            return Optional.empty();
        }
    }

    @Override
    public PackageLogonResult logonUser(PackageLogonRequest request) throws LsaException {
        SecretBytes buffer = request.authenticationInformation();
        int raw = InteractiveLogonCodec.messageType(buffer);
        KerbLogonSubmitType type = KerbLogonSubmitType.fromValue(raw).orElseThrow(() -> new LsaException(
                NtStatus.BAD_VALIDATION_CLASS, "MessageType " + raw + " is not a KERB_LOGON_SUBMIT_TYPE"));
        return switch (type) {
            case INTERACTIVE_LOGON, WORKSTATION_UNLOCK_LOGON -> {
                try (InteractiveLogon logon = KerbInteractiveLogonCodec.decode(buffer)) {
                    boolean ok = logon.unlockLogonId().isPresent() ? request.logonType() == SecurityLogonType.UNLOCK
                            : PASSWORD_TYPES.contains(request.logonType());
                    requireType(ok, type, request);
                    yield passwordLogon(logon, request);
                }
            }
            case TICKET_LOGON, TICKET_UNLOCK_LOGON -> {
                KerbTicketLogon logon = buffer.read(KerbLogonCodecs::decodeTicketLogon);
                requireType(request.logonType() == (logon.unlockLogonId().isPresent() ? SecurityLogonType.UNLOCK
                        : SecurityLogonType.NETWORK), type, request);
                yield ticketLogon(logon, request);
            }
            case S4U_LOGON -> {
                KerbS4uLogon logon = buffer.read(KerbLogonCodecs::decodeS4uLogon);
                requireType(S4U_TYPES.contains(request.logonType()), type, request);
                yield s4uLogon(logon, request);
            }
            default -> throw new LsaException(NtStatus.NOT_SUPPORTED, "Kerberos " + type
                    + " logons are not supported by this LSA yet");
        };
    }

    private static void requireType(boolean ok, KerbLogonSubmitType type, PackageLogonRequest request)
            throws LsaException {
        if (!ok) {
            throw new LsaException(NtStatus.BAD_VALIDATION_CLASS, type + " cannot serve a "
                    + request.logonType().displayName() + " logon");
        }
    }

    // ------------------------------------------------------------------ password logon

    private PackageLogonResult passwordLogon(InteractiveLogon logon, PackageLogonRequest request)
            throws LsaException {
        DomainInfo local = context.store().domain();
        SessionTickets.Client c = routes.resolve(local, logon.logonDomainName(), logon.userName());
        boolean embeddedRealm = routes.isEmbedded(local, c.realm());
        KdcClient kdc = routes.client(c.realm(), embeddedRealm);
        // The embedded KDC checks the account's workstation list against the NetBIOS address, as a DC does for a
        // Windows client; the local machine is the workstation of an interactive logon (lsa-semantics 4).
        List<HostAddress> addresses = embeddedRealm ? List.of(netbiosAddress(local.machineName())) : List.of();
        Credential tgt;
        KdcOptions options = KdcOptions.of(KdcOptions.FORWARDABLE, KdcOptions.RENEWABLE);
        Optional<Instant> renewTill = Optional.of(clock.instant().plus(TGT_RENEWABLE_LIFETIME));
        // A plain name the embedded realm does not have: the exchange runs with a stand-in key, so the refusal
        // costs the string-to-key, reads and counting transaction a wrong password of a real account costs.
        boolean standIn = embeddedRealm && isPlainName(c.name())
                && context.store().findUser(c.name().nameString().getFirst()).isEmpty();
        try (SecretBytes utf8 = Passwords.utf8(logon.password())) {
            Optional<KerberosKey> known = standIn ? Optional.of(standInClientKey(local, c, utf8))
                    : embeddedRealm ? embeddedClientKey(local, c, utf8) : Optional.empty();
            if (known.isPresent()) {
                try (KerberosKey key = known.get()) {
                    try {
                        tgt = kdc.asExchange(c.realm(), c.name(), key, PrincipalName.krbtgt(c.realm()), options,
                                TGT_LIFETIME, addresses, renewTill);
                    } catch (KdcRefusal r) {
                        if (standIn) {
                            failTimestampDecryption(key);
                        }
                        throw r;
                    }
                }
            } else {
                tgt = kdc.passwordAsExchange(c.realm(), c.name(), utf8, PrincipalName.krbtgt(c.realm()), options,
                        TGT_LIFETIME, addresses, ENCTYPES, renewTill);
            }
        } catch (KdcUnreachableException e) {
            throw new LsaException(NtStatus.NO_LOGON_SERVERS, "realm " + c.realm() + ": " + e.getMessage());
        } catch (KdcRefusal r) {
            if (r.error().errorCode().equals(ErrorCode.KDC_ERR_C_PRINCIPAL_UNKNOWN)) {
                if (standIn) {
                    SamAccounting.spendBadPasswordWork(context.store(), local.policy());
                } else {
                    burnStringToKey(logon.password());
                }
            }
            throw KdcStatus.of(r);
        } catch (KerberosCryptoException e) {
            // The reply did not decrypt under the password's key: a KDC that skipped pre-authentication and a
            // wrong password.
            throw new LsaException(NtStatus.LOGON_FAILURE, NtStatus.WRONG_PASSWORD, "the KDC's reply does not "
                    + "decrypt with the password's key");
        } catch (KrbDecodeException e) {
            throw new LsaException(NtStatus.LOGON_FAILURE, "the KDC's reply is malformed: " + e.getMessage());
        } catch (IOException e) {
            throw new LsaException(NtStatus.NO_LOGON_SERVERS, "realm " + c.realm() + ": " + e.getMessage());
        }
        List<Credential> tickets = new ArrayList<>(List.of(tgt));
        try {
            TicketVerifier.Verified v = embeddedRealm ? verifier.verifyEmbeddedTgt(tgt)
                    : verifier.verifyThroughHostTicket(kdc, tgt, tickets);
            PackageLogonResult result = result(tgt.crealm(), tgt.cname(), v.pac(),
                    WellKnownSids.AUTHENTICATION_AUTHORITY_ASSERTED, Optional.empty(), false);
            startSession(request, logon.unlockLogonId(), tgt.crealm(), tgt.cname(), tickets);
            return result;
        } catch (LsaException | RuntimeException e) {
            tickets.forEach(Credential::close);
            throw e;
        }
    }

    /**
     * The client's key for the embedded realm without asking its KDC first. The KDC reads this same database, so
     * the enctype and salt its PREAUTH_REQUIRED would name are those of the stored key it would pick (the first of
     * {@link #ENCTYPES} that policy allows and the account has): deriving the key from them skips the first AS
     * round trip, which carries no secret and counts nothing. Empty when the name is not a plain account name or
     * the account has no such key; the ordinary two-step exchange then runs and answers as the KDC does.
     */
    private Optional<KerberosKey> embeddedClientKey(DomainInfo local, SessionTickets.Client c, SecretBytes utf8)
            throws LsaException {
        if (!isPlainName(c.name())) {
            return Optional.empty();
        }
        Optional<UserAccount> user = context.store().findUser(c.name().nameString().getFirst());
        if (user.isEmpty()) {
            return Optional.empty();
        }
        Optional<KerberosKeySet> keys = context.store().kerberosKeys(user.get().rid());
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        try (KerberosKeySet set = keys.get()) {
            List<Integer> allowed = local.policy().kerberos().enctypes();
            for (EncryptionType type : ENCTYPES) {
                Optional<KerberosKeyEntry> entry = set.key(type.id());
                if (allowed.contains(type.id()) && entry.isPresent()) {
                    return Optional.of(KerberosCrypto.stringToKey(type, utf8, entry.get().salt(), null));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The KDC's failed decryption of a wrong password's PA-ENC-TIMESTAMP (key usage 1, RFC 4120 5.2.7.2), which it
     * skips for a name it does not know: a timestamp-sized ciphertext that no key opens.
     */
    private void failTimestampDecryption(KerberosKey key) {
        byte[] garbage = new byte[PA_ENC_TIMESTAMP_CIPHER_BYTES];
        secureRandom.nextBytes(garbage);
        try {
            KerberosCrypto.decrypt(key, 1, garbage);
        } catch (KerberosCryptoException expected) {
            // the integrity check fails, as it does in the KDC
        }
    }

    private static boolean isPlainName(PrincipalName name) {
        return name.nameString().size() == 1 && name.nameType() != PrincipalName.NT_ENTERPRISE;
    }

    /**
     * What {@link #embeddedClientKey} and the KDC's lookups cost a real account, for a name without one: the key
     * reads (stand-ins, unused) and the string-to-key with the first enctype policy allows and the default salt a real
     * account of that name would have. The KDC refuses the name as C_PRINCIPAL_UNKNOWN whatever the key.
     */
    private KerberosKey standInClientKey(DomainInfo local, SessionTickets.Client c, SecretBytes utf8)
            throws LsaException {
        // The reads the KDC makes for a real client before it can fail the pre-authentication: the client's
        // account and keys (Guest's stand in) and the service's, krbtgt.
        context.store().kerberosKeys(UserAccount.RID_GUEST).ifPresent(KerberosKeySet::close);
        context.store().findUser(UserAccount.RID_KRBTGT);
        context.store().kerberosKeys(UserAccount.RID_KRBTGT).ifPresent(KerberosKeySet::close);
        List<Integer> allowed = local.policy().kerberos().enctypes();
        EncryptionType type = ENCTYPES.stream().filter(t -> allowed.contains(t.id())).findFirst()
                .orElse(ENCTYPES.getFirst());
        return KerberosCrypto.stringToKey(type, utf8, KerberosKeys.defaultSalt(c.realm(), c.name().nameString()),
                null);
    }

    /**
     * The new session's cache gets {@code tickets}; an unlock also refreshes the locked session's cache with copies
     * of them, when that session is one of this package's and the same client's (the unlock logon's own session is
     * the engine's proof that the credentials are good; the locked session is the one that keeps working).
     */
    private void startSession(PackageLogonRequest request, Optional<Luid> unlock, String crealm, PrincipalName cname,
                              List<Credential> tickets) {
        SessionTickets.Client client = new SessionTickets.Client(crealm, cname);
        if (unlock.isPresent() && !unlock.get().equals(Luid.ZERO)) {
            sessions.refresh(unlock.get(), client, tickets.stream().map(SessionTickets::copy).toList());
        }
        sessions.start(request.logonId(), client, tickets);
    }

    // ------------------------------------------------------------------ ticket logon

    /**
     * KERB_TICKET_LOGON: a service ticket for this host, as a service received it from a client, and optionally the
     * client's forwarded TGT. The ticket must open with this host's key and be valid now (or expired, with
     * ALLOW_EXPIRED_TICKET); its PAC gives the token. The caller proves no possession of the ticket's session key,
     * so a caller without SeTcbPrivilege, who might have copied a ticket off the wire, gets an identification token
     * and no session key: it learns who the client is, and cannot act as the client.
     */
    private PackageLogonResult ticketLogon(KerbTicketLogon logon, PackageLogonRequest request) throws LsaException {
        Ticket ticket;
        try {
            ticket = KrbCodec.decodeTicket(logon.serviceTicket());
        } catch (KrbDecodeException e) {
            throw new LsaException(NtStatus.INVALID_PARAMETER, "ServiceTicket is not a Kerberos Ticket: "
                    + e.getMessage());
        }
        DomainInfo local = context.store().domain();
        boolean embeddedRealm = routes.isEmbedded(local, routes.knownRealm(ticket.realm(), local));
        TicketVerifier.Opened opened = verifier.openHostTicket(ticket, embeddedRealm, local, NtStatus.LOGON_FAILURE);
        EncTicketPart part = opened.part();
        checkTimes(part, logon.allowExpiredTicket());
        List<Credential> tickets = new ArrayList<>();
        try {
            if (logon.ticketGrantingTicket().length > 0) {
                tickets.add(ForwardedTgt.open(logon.ticketGrantingTicket(), part));
            }
            boolean trusted = request.callerTrusted();
            Optional<KerbCryptoKey> key = Optional.of(profileKey(part, trusted));
            PackageLogonResult result = result(part.crealm(), part.cname(), opened.pac(),
                    WellKnownSids.AUTHENTICATION_AUTHORITY_ASSERTED, key, false);
            startSession(request, logon.unlockLogonId(), part.crealm(), part.cname(), tickets);
            return trusted ? result : result.withImpersonationLevel(ImpersonationLevel.IDENTIFICATION);
        } catch (LsaException | RuntimeException e) {
            tickets.forEach(Credential::close);
            throw e;
        }
    }

    /**
     * KERB_TICKET_PROFILE's SessionKey: the ticket's session key for a caller who may act as the client, an empty
     * key (KeyType 0, no Value) for one who may only identify it; with the key, AP-REQs to this host could be made
     * in the client's name.
     */
    private static KerbCryptoKey profileKey(EncTicketPart part, boolean mayAct) {
        return mayAct ? new KerbCryptoKey(part.key().keytype(), part.key().keyvalue().toByteArray())
                : new KerbCryptoKey(0, new byte[0]);
    }

    private void checkTimes(EncTicketPart part, boolean allowExpired) throws LsaException {
        Instant now = clock.instant();
        if (part.flags().has(TicketFlags.INVALID)) {
            throw new LsaException(NtStatus.LOGON_FAILURE, "the ticket is marked INVALID (postdated, not yet "
                    + "validated)");
        }
        Instant start = part.starttime().orElse(part.authtime()).instant();
        if (start.isAfter(now.plus(CLOCK_SKEW))) {
            throw new LsaException(NtStatus.LOGON_FAILURE, "the ticket is not valid before " + start);
        }
        if (!allowExpired && !part.endtime().instant().plus(CLOCK_SKEW).isAfter(now)) {
            throw new LsaException(NtStatus.LOGON_FAILURE, "the ticket expired at " + part.endtime().instant()
                    + " (KERB_LOGON_FLAG_ALLOW_EXPIRED_TICKET accepts it)");
        }
    }

    // ------------------------------------------------------------------ S4U logon

    /**
     * KERB_S4U_LOGON: this host asks its KDC for a ticket to itself on the user's behalf (S4U2Self), with its own
     * TGT: {@link HostAccount}'s keys in the embedded realm, the keytab's host/ key elsewhere. The ticket opens
     * with this host's key, which proves the KDC answered; its PAC gives the token, asserted by the service
     * (S-1-18-2). Only a caller with SeTcbPrivilege gets a token that can impersonate (and the ticket's session
     * key); everyone else, and anyone asking with KERB_S4U_LOGON_FLAG_IDENTIFY, an identification token, which only
     * a Network logon can make.
     */
    private PackageLogonResult s4uLogon(KerbS4uLogon logon, PackageLogonRequest request) throws LsaException {
        boolean identify = logon.identify() || !request.callerTrusted();
        if (identify && request.logonType() != SecurityLogonType.NETWORK) {
            throw new LsaException(request.callerTrusted() ? NtStatus.INVALID_PARAMETER : NtStatus.PRIVILEGE_NOT_HELD,
                    "an S4U " + request.logonType().displayName() + " logon makes a primary token, which "
                    + (request.callerTrusted() ? "KERB_S4U_LOGON_FLAG_IDENTIFY cannot limit"
                    : "only a caller with SeTcbPrivilege may have"));
        }
        DomainInfo local = context.store().domain();
        SessionTickets.Client c = routes.resolve(local, logon.clientRealm(), logon.clientUpn());
        boolean embeddedRealm = routes.isEmbedded(local, c.realm());
        KdcClient kdc = routes.client(c.realm(), embeddedRealm);
        Credential ticket;
        try (Credential hostTgt = hostTgt(kdc, c.realm(), embeddedRealm, local)) {
            ticket = kdc.s4u2Self(hostTgt, c.name(), c.realm(), logon.checkLogonHours());
        } catch (KdcUnreachableException e) {
            throw new LsaException(NtStatus.NO_LOGON_SERVERS, "realm " + c.realm() + ": " + e.getMessage());
        } catch (KdcRefusal r) {
            throw KdcStatus.of(r);
        } catch (KerberosCryptoException | KrbDecodeException e) {
            throw new LsaException(NtStatus.TRUSTED_RELATIONSHIP_FAILURE, "the KDC's S4U2Self reply: "
                    + e.getMessage());
        } catch (IOException e) {
            throw new LsaException(NtStatus.NO_LOGON_SERVERS, "realm " + c.realm() + ": " + e.getMessage());
        }
        try {
            TicketVerifier.Opened opened = verifier.openHostTicket(ticket.ticket(), embeddedRealm, local,
                    NtStatus.TRUSTED_RELATIONSHIP_FAILURE);
            EncTicketPart part = opened.part();
            if (!part.cname().sameNameAs(c.name()) || !part.crealm().equalsIgnoreCase(c.realm())) {
                throw new LsaException(NtStatus.TRUSTED_RELATIONSHIP_FAILURE, "the KDC's S4U2Self ticket names "
                        + part.cname().format(part.crealm()) + ", not " + c.name().format(c.realm()));
            }
            Optional<KerbCryptoKey> key = Optional.of(profileKey(part, !identify));
            PackageLogonResult result = result(part.crealm(), part.cname(), opened.pac(), WellKnownSids.SERVICE_ASSERTED,
                    key, logon.checkLogonHours());
            startSession(request, Optional.empty(), part.crealm(), part.cname(), List.of(ticket));
            return identify ? result.withImpersonationLevel(ImpersonationLevel.IDENTIFICATION) : result;
        } catch (LsaException | RuntimeException e) {
            ticket.close();
            throw e;
        }
    }

    /** A TGT of this host in {@code realm}, from an AS exchange with the host's own key. */
    private Credential hostTgt(KdcClient kdc, String realm, boolean embeddedRealm, DomainInfo local)
            throws LsaException, IOException, KerberosCryptoException, KrbDecodeException {
        try (TicketVerifier.HostKey host = verifier.hostKey(realm, embeddedRealm, local, ENCTYPES, secureRandom,
                clock.instant())) {
            return kdc.asExchange(realm, host.name(), host.key(), PrincipalName.krbtgt(realm), KdcOptions.of(),
                    TGT_LIFETIME);
        } catch (KdcRefusal r) {
            throw new LsaException(NtStatus.TRUSTED_RELATIONSHIP_FAILURE, "the KDC of " + realm + " refused this "
                    + "host's own credentials: " + r.getMessage());
        }
    }

    /** A NetBIOS HostAddress (type 20): the name upper-cased and padded with spaces to 16 bytes, as Windows sends it. */
    static HostAddress netbiosAddress(String machineName) {
        byte[] name = machineName.toUpperCase(Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] padded = new byte[16];
        java.util.Arrays.fill(padded, (byte) ' ');
        System.arraycopy(name, 0, padded, 0, Math.min(name.length, padded.length));
        return new HostAddress(HostAddress.ADDRTYPE_NETBIOS, Bytes.of(padded));
    }

    /** As much string-to-key work as a real logon, so an unknown name takes as long to refuse as a known one. */
    static void burnStringToKey(SecretBytes utf16Password) {
        try (SecretBytes utf8 = Passwords.utf8(utf16Password)) {
            KerberosCrypto.stringToKey(ENCTYPES.getFirst(), utf8, new byte[16], null).destroy();
        }
    }

    /**
     * Token information from the PAC's KERB_VALIDATION_INFO (MS-KILE 3.4.5.4) or, for a KDC whose PAC carries
     * none (MIT), from the local account of the same name, which the realm's principal stands for.
     */
    private PackageLogonResult result(String crealm, PrincipalName cname, Optional<Pac> pac, Sid asserted,
                                      Optional<KerbCryptoKey> sessionKey, boolean checkLogonHours)
            throws LsaException {
        Instant now = clock.instant();
        Optional<KerbValidationInfo> info = pac.flatMap(Pac::logonInfo);
        String upn = pac.flatMap(Pac::upnDnsInfo).map(u -> u.upn())
                .orElseGet(() -> String.join("/", cname.nameString()) + "@" + crealm);
        if (info.isPresent()) {
            KerbValidationInfo v = info.get();
            List<SidAndAttributes> groups = withAssertedIdentity(v.groupSids(), asserted);
            InteractiveProfile profile = new InteractiveProfile(Math.min(0xFFFF, v.logonCount()),
                    Math.min(0xFFFF, v.badPasswordCount()), NtTime.fromInstant(now), v.logoffTime(), v.kickOffTime(),
                    v.passwordLastSet(), v.passwordCanChange(), v.passwordMustChange(), v.logonScript(),
                    v.homeDirectory(), v.fullName(), v.profilePath(), v.homeDirectoryDrive(), v.logonServer(),
                    v.userFlags());
            return result(v.userSid(), groups, v.primaryGroupSid(), new KerbProfile(profile, sessionKey),
                    v.effectiveName(), v.logonDomainName(), v.logonServer(), crealm, upn, v.lastSuccessfulILogon());
        }
        String name = cname.nameString().getFirst();
        DomainInfo domain = context.store().domain();
        UserAccount user = context.store().findUser(name).orElseThrow(() -> new LsaException(NtStatus.LOGON_FAILURE,
                NtStatus.NO_SUCH_USER, cname.format(crealm) + " has no PAC logon information and no local "
                + "account named " + name));
        if (user.has(AccountFlag.DISABLED)) {
            throw new LsaException(NtStatus.ACCOUNT_RESTRICTION, NtStatus.ACCOUNT_DISABLED, "the local account "
                    + name + " is disabled");
        }
        if (checkLogonHours && !user.logonHours().allows(now)) {
            throw new LsaException(NtStatus.ACCOUNT_RESTRICTION, NtStatus.INVALID_LOGON_HOURS, "the local account "
                    + name + " may not log on at this hour");
        }
        List<SidAndAttributes> groups = withAssertedIdentity(SamAccounting.globalGroups(context.store(), user, domain),
                asserted);
        InteractiveProfile profile = new InteractiveProfile(0, 0, NtTime.fromInstant(now), NtTime.NEVER,
                NtTime.NEVER, 0, 0, NtTime.NEVER, user.logonScript(), user.homeDirectory(), user.fullName(),
                user.profilePath(), user.homeDirectoryDrive(), "", 0);
        return result(user.sid(), groups, groups.getFirst().sid(), new KerbProfile(profile, sessionKey), user.name(),
                crealm, "", crealm, upn, 0);
    }

    /**
     * The groups with the identity's assertion (MS-KILE 3.3.5.7.5): S-1-18-1 when the client proved its own
     * credentials, S-1-18-2 when a service asserted it (S4U). A PAC that already names one keeps it.
     */
    private static List<SidAndAttributes> withAssertedIdentity(List<SidAndAttributes> groups, Sid asserted) {
        if (groups.stream().anyMatch(g -> g.sid().equals(WellKnownSids.AUTHENTICATION_AUTHORITY_ASSERTED)
                || g.sid().equals(WellKnownSids.SERVICE_ASSERTED))) {
            return groups;
        }
        List<SidAndAttributes> out = new ArrayList<>(groups);
        out.add(new SidAndAttributes(asserted, ASSERTED_IDENTITY_ATTRIBUTES));
        return out;
    }

    private static PackageLogonResult result(Sid user, List<SidAndAttributes> groups, Sid primaryGroup,
                                             KerbProfile kerbProfile, String accountName, String authority,
                                             String logonServer, String dnsDomain, String upn, long lastLogon) {
        InteractiveProfile profile = kerbProfile.profile();
        ProfileDetails details = new ProfileDetails(profile.userFlags(), profile.logonScript(), profile.profilePath(),
                profile.homeDirectory(), profile.homeDirectoryDrive(), profile.logoffTime(), profile.kickOffTime(),
                profile.passwordLastSet(), profile.passwordCanChange(), profile.passwordMustChange(), lastLogon);
        byte[] buffer = KerbProfileCodec.encode(kerbProfile);
        kerbProfile.sessionKey().ifPresent(KerbCryptoKey::wipe);
        return new PackageLogonResult(user, groups, primaryGroup, PackageLogonResult.NEVER_EXPIRES, buffer,
                accountName, authority, logonServer, dnsDomain, upn, details, Optional.empty(), true);
    }

    // ------------------------------------------------------------------ CallPackage

    @Override
    public PackageCallResult callPackage(CallPackageRequest request) throws LsaException {
        return calls.dispatch(request, true);
    }

    /** Untrusted callers may name only their own logon session and those their own logons started. */
    @Override
    public PackageCallResult callPackageUntrusted(CallPackageRequest request) throws LsaException {
        return calls.dispatch(request, false);
    }

    @Override
    public void logonTerminated(Luid logonId) {
        sessions.end(logonId);
    }
}
