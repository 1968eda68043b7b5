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
import java.util.Optional;
import java.util.Set;
import org.openlsa.core.GroupAttributes;
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
import org.openlsa.kdc.Kdc;
import org.openlsa.kdc.client.KdcClient;
import org.openlsa.kdc.client.KdcClient.Credential;
import org.openlsa.kdc.client.KdcClient.KdcRefusal;
import org.openlsa.kdc.client.KdcTransport;
import org.openlsa.kdc.client.KdcUnreachableException;
import org.openlsa.kerberos.internal.KdcStatus;
import org.openlsa.kerberos.internal.SessionTickets;
import org.openlsa.kerberos.internal.TicketVerifier;
import org.openlsa.krb5.ErrorCode;
import org.openlsa.krb5.HostAddress;
import org.openlsa.krb5.Bytes;
import org.openlsa.krb5.KdcOptions;
import org.openlsa.krb5.PrincipalName;
import org.openlsa.krb5.der.KrbCodec;
import org.openlsa.krb5.der.KrbDecodeException;
import org.openlsa.msv1_0.Msv1_0InteractiveLogon;
import org.openlsa.msv1_0.Msv1_0InteractiveLogonCodec;
import org.openlsa.msv1_0.Msv1_0InteractiveProfile;
import org.openlsa.pac.KerbValidationInfo;
import org.openlsa.pac.Pac;
import org.openlsa.sam.AccountFlag;
import org.openlsa.sam.DomainInfo;
import org.openlsa.sam.Passwords;
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
 */
public final class KerberosPackage implements AuthenticationPackage {
    public static final String NAME = "Kerberos";

    /** The enctypes a password logon offers, most preferred first: those Windows and MIT use by default. */
    public static final List<EncryptionType> ENCTYPES = List.of(EncryptionType.AES256_CTS_HMAC_SHA1_96,
            EncryptionType.AES128_CTS_HMAC_SHA1_96, EncryptionType.AES256_CTS_HMAC_SHA384_192,
            EncryptionType.AES128_CTS_HMAC_SHA256_128);
    /** The TGT lifetime asked for (the KDC may grant less), Windows' default. */
    public static final Duration TGT_LIFETIME = Duration.ofHours(10);

    private static final Set<SecurityLogonType> PASSWORD_TYPES = Set.of(SecurityLogonType.INTERACTIVE,
            SecurityLogonType.BATCH, SecurityLogonType.SERVICE, SecurityLogonType.NETWORK_CLEARTEXT,
            SecurityLogonType.REMOTE_INTERACTIVE);
    private static final int ASSERTED_IDENTITY_ATTRIBUTES = GroupAttributes.MANDATORY | GroupAttributes.ENABLED_BY_DEFAULT
            | GroupAttributes.ENABLED;

    private final KerberosConfig config;
    private final SessionTickets sessions = new SessionTickets();
    private final SecureRandom secureRandom = new SecureRandom();
    private PackageContext context;
    private Clock clock;
    private KdcTransport embedded;
    private TicketVerifier verifier;
    private TicketCacheCalls calls;

    /** The embedded realm only. */
    public KerberosPackage() {
        this(KerberosConfig.embedded());
    }

    public KerberosPackage(KerberosConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void initialize(PackageContext ctx) {
        this.context = ctx;
        this.clock = ctx.clock() instanceof Clock c ? c : ctx.clock().withZone(ZoneOffset.UTC);
        this.embedded = KdcTransport.inProcess(config.embeddedKdc()
                .orElseGet(() -> Kdc.create(ctx.store(), clock, secureRandom)));
        this.verifier = new TicketVerifier(ctx.store(), config.keytab());
        this.calls = new TicketCacheCalls(this, sessions, clock);
    }

    @Override
    public Optional<byte[]> encodePasswordLogon(SecurityLogonType logonType, String userName, String domain,
                                                SecretBytes password) {
        Optional<Luid> unlock = logonType == SecurityLogonType.UNLOCK ? Optional.of(Luid.ZERO) : Optional.empty();
        return Optional.of(KerbInteractiveLogonCodec.encode(new Msv1_0InteractiveLogon(domain, userName, password,
                unlock)));
    }

    @Override
    public Optional<String[]> namesForAudit(byte[] authenticationInformation) {
        try (Msv1_0InteractiveLogon logon = KerbInteractiveLogonCodec.decode(authenticationInformation)) {
            return Optional.of(new String[] {logon.logonDomainName(), logon.userName()});
        } catch (LsaException e) {
            return Optional.empty();
        }
    }

    @Override
    public PackageLogonResult logonUser(PackageLogonRequest request) throws LsaException {
        byte[] buffer = request.authenticationInformation();
        int raw = Msv1_0InteractiveLogonCodec.messageType(buffer);
        KerbLogonSubmitType type = KerbLogonSubmitType.fromValue(raw).orElseThrow(() -> new LsaException(
                NtStatus.BAD_VALIDATION_CLASS, "MessageType " + raw + " is not a KERB_LOGON_SUBMIT_TYPE"));
        return switch (type) {
            case INTERACTIVE_LOGON, WORKSTATION_UNLOCK_LOGON -> {
                try (Msv1_0InteractiveLogon logon = KerbInteractiveLogonCodec.decode(buffer)) {
                    boolean ok = logon.unlockLogonId().isPresent() ? request.logonType() == SecurityLogonType.UNLOCK
                            : PASSWORD_TYPES.contains(request.logonType());
                    if (!ok) {
                        throw new LsaException(NtStatus.BAD_VALIDATION_CLASS, type + " cannot serve a "
                                + request.logonType().displayName() + " logon");
                    }
                    yield passwordLogon(logon, request);
                }
            }
            default -> throw new LsaException(NtStatus.NOT_SUPPORTED, "Kerberos " + type
                    + " logons are not supported by this LSA yet");
        };
    }

    // ------------------------------------------------------------------ password logon

    /** Where a logon name points: the client principal and its realm. */
    private record Client(String realm, PrincipalName name) {}

    /**
     * The realm and principal of a logon: "user@REALM" with an empty domain is a UPN; otherwise the domain names
     * the realm: empty, ".", this domain's NetBIOS name or this machine's name mean the default realm (krb5.conf's
     * default_realm, else the embedded one); a realm krb5.conf lists is matched ignoring case; anything else is
     * taken, upper-cased, as a realm name.
     */
    private Client resolve(DomainInfo local, String domain, String user) throws LsaException {
        String name = user;
        String realm;
        int at = user.lastIndexOf('@');
        if (domain.isEmpty() && at > 0 && at < user.length() - 1) {
            name = user.substring(0, at);
            realm = knownRealm(user.substring(at + 1), local);
        } else if (domain.isEmpty() || local.answersTo(domain)) {
            realm = config.conf().defaultRealm().orElse(local.realm());
        } else {
            realm = knownRealm(domain, local);
        }
        if (name.isEmpty()) {
            throw new LsaException(NtStatus.LOGON_FAILURE, NtStatus.NO_SUCH_USER, "empty user name");
        }
        return new Client(realm, PrincipalName.principal(name));
    }

    private String knownRealm(String name, DomainInfo local) {
        if (name.equalsIgnoreCase(local.realm())) {
            return local.realm();
        }
        for (String r : config.conf().realms()) {
            if (r.equalsIgnoreCase(name)) {
                return r;
            }
        }
        return name.toUpperCase(Locale.ROOT);
    }

    private boolean isEmbedded(DomainInfo local, String realm) throws LsaException {
        try {
            return realm.equals(local.realm()) && config.conf().kdcs(realm).isEmpty();
        } catch (IOException e) {
            throw new LsaException(NtStatus.INVALID_PARAMETER, "krb5.conf: " + e.getMessage());
        }
    }

    /** How to reach a realm's KDC: in this process for the embedded realm, else krb5.conf's kdc lines. */
    private KdcTransport transport(String realm, boolean embeddedRealm) throws LsaException {
        if (embeddedRealm) {
            return embedded;
        }
        try {
            List<KdcTransport.KdcAddress> kdcs = config.conf().kdcs(realm);
            if (kdcs.isEmpty()) {
                throw new LsaException(NtStatus.LOGON_FAILURE, NtStatus.NO_SUCH_DOMAIN, "no KDC is configured for realm "
                        + realm + " (krb5.conf [realms])");
            }
            return KdcTransport.network(kdcs, config.conf().kdcTimeout(), config.conf().udpPreferenceLimit());
        } catch (IOException e) {
            throw new LsaException(NtStatus.INVALID_PARAMETER, "krb5.conf: " + e.getMessage());
        }
    }

    /** A client of the realm's KDC (for service tickets of a session). */
    KdcClient client(String realm) throws LsaException {
        return client(realm, isEmbedded(context.store().domain(), realm));
    }

    private KdcClient client(String realm, boolean embeddedRealm) throws LsaException {
        return new KdcClient(transport(realm, embeddedRealm), clock, secureRandom);
    }

    private PackageLogonResult passwordLogon(Msv1_0InteractiveLogon logon, PackageLogonRequest request)
            throws LsaException {
        DomainInfo local = context.store().domain();
        Client c = resolve(local, logon.logonDomainName(), logon.userName());
        boolean embeddedRealm = isEmbedded(local, c.realm());
        KdcClient kdc = client(c.realm(), embeddedRealm);
        // The embedded KDC checks the account's workstation list against the NetBIOS address, as a DC does for a
        // Windows client; the local machine is the workstation of an interactive logon (lsa-semantics 4).
        List<HostAddress> addresses = embeddedRealm ? List.of(netbiosAddress(local.machineName())) : List.of();
        Credential tgt;
        try (SecretBytes utf8 = Passwords.utf8(logon.password())) {
            tgt = kdc.passwordAsExchange(c.realm(), c.name(), utf8, PrincipalName.krbtgt(c.realm()),
                    KdcOptions.of(KdcOptions.FORWARDABLE), TGT_LIFETIME, addresses, ENCTYPES);
        } catch (KdcUnreachableException e) {
            throw new LsaException(NtStatus.NO_LOGON_SERVERS, "realm " + c.realm() + ": " + e.getMessage());
        } catch (KdcRefusal r) {
            if (r.error().errorCode().equals(ErrorCode.KDC_ERR_C_PRINCIPAL_UNKNOWN)) {
                burnStringToKey(logon.password());
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
            PackageLogonResult result = result(tgt, v.pac());
            sessions.start(request.logonId(), tickets);
            return result;
        } catch (LsaException | RuntimeException e) {
            tickets.forEach(Credential::close);
            throw e;
        }
    }

    /** A NetBIOS HostAddress (type 20): the name upper-cased and padded with spaces to 16 bytes, as Windows sends it. */
    static HostAddress netbiosAddress(String machineName) {
        String padded = String.format(Locale.ROOT, "%-16s", machineName.toUpperCase(Locale.ROOT));
        return new HostAddress(HostAddress.ADDRTYPE_NETBIOS,
                Bytes.of(padded.substring(0, 16).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
    }

    /** As much string-to-key work as a real logon, so an unknown name takes as long to refuse as a known one. */
    private static void burnStringToKey(SecretBytes utf16Password) {
        try (SecretBytes utf8 = Passwords.utf8(utf16Password)) {
            KerberosCrypto.stringToKey(ENCTYPES.getFirst(), utf8, new byte[16], null).destroy();
        }
    }

    /**
     * Token information from the PAC's KERB_VALIDATION_INFO (MS-KILE 3.4.5.4) or, for a KDC whose PAC carries
     * none (MIT), from the local account of the same name, which the realm's principal stands for.
     */
    private PackageLogonResult result(Credential tgt, Optional<Pac> pac) throws LsaException {
        Instant now = clock.instant();
        Optional<KerbValidationInfo> info = pac.flatMap(Pac::logonInfo);
        String upn = pac.flatMap(Pac::upnDnsInfo).map(u -> u.upn())
                .orElse(String.join("/", tgt.cname().nameString()) + "@" + tgt.crealm());
        if (info.isPresent()) {
            KerbValidationInfo v = info.get();
            List<SidAndAttributes> groups = withAssertedIdentity(v.groupSids());
            Msv1_0InteractiveProfile profile = new Msv1_0InteractiveProfile(Math.min(0xFFFF, v.logonCount()),
                    Math.min(0xFFFF, v.badPasswordCount()), NtTime.fromInstant(now), v.logoffTime(), v.kickOffTime(),
                    v.passwordLastSet(), v.passwordCanChange(), v.passwordMustChange(), v.logonScript(),
                    v.homeDirectory(), v.fullName(), v.profilePath(), v.homeDirectoryDrive(), v.logonServer(),
                    v.userFlags());
            return result(v.userSid(), groups, v.primaryGroupSid(), profile, v.effectiveName(), v.logonDomainName(),
                    v.logonServer(), tgt.crealm(), upn, v.lastSuccessfulILogon());
        }
        String name = tgt.cname().nameString().getFirst();
        DomainInfo domain = context.store().domain();
        UserAccount user = context.store().findUser(name).orElseThrow(() -> new LsaException(NtStatus.LOGON_FAILURE,
                NtStatus.NO_SUCH_USER, tgt.cname().format(tgt.crealm()) + " has no PAC logon information and no local "
                + "account named " + name));
        if (user.has(AccountFlag.DISABLED)) {
            throw new LsaException(NtStatus.ACCOUNT_RESTRICTION, NtStatus.ACCOUNT_DISABLED, "the local account "
                    + name + " is disabled");
        }
        List<SidAndAttributes> groups = withAssertedIdentity(SamAccounting.globalGroups(context.store(), user, domain));
        Msv1_0InteractiveProfile profile = new Msv1_0InteractiveProfile(0, 0, NtTime.fromInstant(now), NtTime.NEVER,
                NtTime.NEVER, 0, 0, NtTime.NEVER, user.logonScript(), user.homeDirectory(), user.fullName(),
                user.profilePath(), user.homeDirectoryDrive(), "", 0);
        return result(user.sid(), groups, groups.getFirst().sid(), profile, user.name(), tgt.crealm(), "",
                tgt.crealm(), upn, 0);
    }

    private static List<SidAndAttributes> withAssertedIdentity(List<SidAndAttributes> groups) {
        if (groups.stream().anyMatch(g -> g.sid().equals(WellKnownSids.AUTHENTICATION_AUTHORITY_ASSERTED))) {
            return groups;
        }
        List<SidAndAttributes> out = new ArrayList<>(groups);
        out.add(new SidAndAttributes(WellKnownSids.AUTHENTICATION_AUTHORITY_ASSERTED, ASSERTED_IDENTITY_ATTRIBUTES));
        return out;
    }

    private static PackageLogonResult result(Sid user, List<SidAndAttributes> groups, Sid primaryGroup,
                                             Msv1_0InteractiveProfile profile, String accountName, String authority,
                                             String logonServer, String dnsDomain, String upn, long lastLogon) {
        ProfileDetails details = new ProfileDetails(profile.userFlags(), profile.logonScript(), profile.profilePath(),
                profile.homeDirectory(), profile.homeDirectoryDrive(), profile.logoffTime(), profile.kickOffTime(),
                profile.passwordLastSet(), profile.passwordCanChange(), profile.passwordMustChange(), lastLogon);
        byte[] buffer = KerbProfileCodec.encode(new KerbProfile(profile, Optional.empty()));
        return new PackageLogonResult(user, groups, primaryGroup, PackageLogonResult.NEVER_EXPIRES, buffer,
                accountName, authority, logonServer, dnsDomain, upn, details, Optional.empty(), true);
    }

    // ------------------------------------------------------------------ CallPackage

    @Override
    public PackageCallResult callPackage(CallPackageRequest request) throws LsaException {
        return calls.dispatch(request, true);
    }

    /** Untrusted callers may name only their own logon session (lsa-semantics 2). */
    @Override
    public PackageCallResult callPackageUntrusted(CallPackageRequest request) throws LsaException {
        return calls.dispatch(request, false);
    }

    @Override
    public void logonTerminated(Luid logonId) {
        sessions.end(logonId);
    }
}
