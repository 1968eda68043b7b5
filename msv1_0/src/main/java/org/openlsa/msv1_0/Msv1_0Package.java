package org.openlsa.msv1_0;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.core.NtTime;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.core.Sid;
import org.openlsa.core.SidAndAttributes;
import org.openlsa.core.WellKnownSids;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.crypto.Upcase;
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
import org.openlsa.sam.AccountFlag;
import org.openlsa.sam.AccountRestrictions;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.DomainInfo;
import org.openlsa.sam.DomainPolicy;
import org.openlsa.sam.Lockout;
import org.openlsa.sam.LogonState;
import org.openlsa.sam.Passwords;
import org.openlsa.sam.SamAccounting;
import org.openlsa.sam.UserAccount;

/**
 * MSV1_0 logons against the SAM: password logons (MsV1_0InteractiveLogon, MsV1_0WorkstationUnlockLogon), network
 * logons ({@link Msv1_0NetworkLogon}: LM20, network, subauth) and its
 * CallPackage messages.
 *
 * <p>The order of a logon (lsa-semantics 1, 3, 4): decode; NT AUTHORITY service accounts; domain; user lookup (an
 * unknown user costs the same hash work as a known one); lockout BEFORE the password, so lockout is no password
 * oracle; NT hash compared in constant time; then, only for valid credentials, the restrictions in their
 * documented order. The bad-password count and the lockout decision are one atomic store update, so concurrent
 * attempts lock an account exactly at the threshold.
 */
public final class Msv1_0Package implements AuthenticationPackage {
    public static final String NAME = "MICROSOFT_AUTHENTICATION_PACKAGE_V1_0";
    public static final String ALIAS = "MSV1_0";

    private static final Set<SecurityLogonType> INTERACTIVE_TYPES = Set.of(SecurityLogonType.INTERACTIVE,
            SecurityLogonType.BATCH, SecurityLogonType.SERVICE, SecurityLogonType.NETWORK,
            SecurityLogonType.NETWORK_CLEARTEXT, SecurityLogonType.REMOTE_INTERACTIVE);

    private final Map<Integer, SubAuthenticationPackage> subAuthPackages;
    private PackageContext context;
    private Msv1_0NetworkLogon network;

    /** MSV1_0 without subauthentication packages. */
    public Msv1_0Package() {
        this(List.of());
    }

    /** MSV1_0 with these subauthentication packages, each under its {@link SubAuthenticationPackage#id()}. */
    public Msv1_0Package(List<SubAuthenticationPackage> subAuthPackages) {
        Map<Integer, SubAuthenticationPackage> byId = new HashMap<>();
        for (SubAuthenticationPackage p : subAuthPackages) {
            if (p.id() < 1 || p.id() > 255) {
                throw new IllegalArgumentException("subauthentication package " + p.name() + " has id " + p.id()
                        + "; ids are 1..255");
            }
            if (byId.putIfAbsent(p.id(), p) != null) {
                throw new IllegalArgumentException("two subauthentication packages with id " + p.id());
            }
        }
        this.subAuthPackages = Map.copyOf(byId);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> aliases() {
        return List.of(ALIAS);
    }

    @Override
    public void initialize(PackageContext ctx) {
        this.context = ctx;
        this.network = new Msv1_0NetworkLogon(ctx, subAuthPackages);
    }

    @Override
    public Optional<SecretBytes> encodePasswordLogon(SecurityLogonType logonType, String userName, String domain,
                                                     SecretBytes password) {
        Optional<Luid> unlock = logonType == SecurityLogonType.UNLOCK ? Optional.of(Luid.ZERO) : Optional.empty();
        // The record does not take ownership of the caller's password (it is not closed here): it is only read.
        return Optional.of(Msv1_0InteractiveLogonCodec.encode(new InteractiveLogon(domain, userName, password, unlock)));
    }

    @Override
    public Optional<String[]> namesForAudit(SecretBytes authenticationInformation) {
        try {
            if (Msv1_0Lm20LogonCodec.handles(InteractiveLogonCodec.messageType(authenticationInformation))) {
                Msv1_0Lm20Logon logon = authenticationInformation.read(Msv1_0Lm20LogonCodec::decode);
                logon.wipe();
                return Optional.of(new String[] {logon.logonDomainName(), logon.userName()});
            }
        } catch (LsaException e) {
            return Optional.empty();
        }
        try (InteractiveLogon logon = Msv1_0InteractiveLogonCodec.decode(authenticationInformation)) {
            return Optional.of(new String[] {logon.logonDomainName(), logon.userName()});
        } catch (LsaException e) {
            return Optional.empty();
        }
    }

    @Override
    public PackageLogonResult logonUser(PackageLogonRequest request) throws LsaException {
        SecretBytes buffer = request.authenticationInformation();
        if (Msv1_0Lm20LogonCodec.handles(InteractiveLogonCodec.messageType(buffer))) {
            Msv1_0Lm20Logon logon = buffer.read(Msv1_0Lm20LogonCodec::decode);
            try {
                return network.logon(logon, request);
            } finally {
                logon.wipe();
            }
        }
        try (InteractiveLogon logon = Msv1_0InteractiveLogonCodec.decode(buffer)) {
            checkValidationClass(logon, request.logonType());
            return logon(logon, request);
        }
    }

    /** Interactive structures serve the password logon types; the unlock structure serves Unlock only. */
    private static void checkValidationClass(InteractiveLogon logon, SecurityLogonType type) throws LsaException {
        boolean ok = logon.unlockLogonId().isPresent() ? type == SecurityLogonType.UNLOCK : INTERACTIVE_TYPES.contains(type);
        if (!ok) {
            throw new LsaException(NtStatus.BAD_VALIDATION_CLASS, Msv1_0InteractiveLogonCodec.submitType(logon)
                    + " cannot serve a "
                    + type.displayName() + " logon");
        }
    }

    private PackageLogonResult logon(InteractiveLogon logon, PackageLogonRequest request) throws LsaException {
        AccountStore store = context.store();
        DomainInfo domain = store.domain();
        String domainName = logon.logonDomainName();
        if (domainName.equalsIgnoreCase(WellKnownSids.NT_AUTHORITY)) {
            return serviceAccountLogon(logon, request, domain);
        }
        if (!domain.answersTo(domainName)) {
            Passwords.burnEquivalentWork(logon.password());
            throw new LsaException(NtStatus.LOGON_FAILURE, NtStatus.NO_SUCH_DOMAIN, "unknown domain");
        }
        Optional<UserAccount> found = logon.userName().isEmpty() ? Optional.empty() : store.findUser(logon.userName());
        DomainPolicy policy = domain.policy();
        if (found.isEmpty()) {
            Passwords.burnEquivalentWork(store, logon.password());
            throw SamAccounting.unknownUser(store, policy);
        }
        UserAccount user = found.get();
        Instant now = context.clock().instant();
        if (Lockout.isLockedOut(user, user.logonState(), policy, now)) {
            throw SamAccounting.lockedOut();
        }
        if (!Passwords.matches(store, user, logon.password())) {
            throw SamAccounting.badPassword(store, user, policy, now);
        }
        Optional<NtStatus> restriction = AccountRestrictions.check(user, policy, now, domain.machineName());
        if (restriction.isPresent()) {
            throw new LsaException(NtStatus.ACCOUNT_RESTRICTION, restriction.get(), "account restriction: "
                    + restriction.get().symbolicName().orElse(""));
        }
        if (user.has(AccountFlag.SMARTCARD_REQUIRED)) {
            throw new LsaException(NtStatus.SMARTCARD_LOGON_REQUIRED, "this account must log on with a smart card");
        }
        int badCountBefore = Lockout.effectiveBadCount(user.logonState(), policy, now);
        LogonState state = SamAccounting.success(store, user, policy, now, true);
        return result(user, domain, policy, now, state, badCountBefore);
    }

    private PackageLogonResult result(UserAccount user, DomainInfo domain, DomainPolicy policy, Instant now,
                                      LogonState state, int badCountBefore) throws LsaException {
        List<SidAndAttributes> groups = SamAccounting.globalGroups(context.store(), user, domain);
        Sid primaryGroup = groups.getFirst().sid();
        boolean guest = user.rid() == UserAccount.RID_GUEST;
        Optional<Instant> kickOff = SamAccounting.kickOffTime(user, now);
        Optional<Instant> canChange = AccountRestrictions.passwordCanChangeAt(user, policy);
        Optional<Instant> mustChange = AccountRestrictions.passwordMustChangeAt(user, policy);
        int userFlags = guest ? Msv1_0UserFlags.GUEST : 0;
        InteractiveProfile profile = new InteractiveProfile(
                Math.min(0xFFFF, state.logonCount()), Math.min(0xFFFF, badCountBefore),
                NtTime.fromInstant(now), NtTime.fromInstantOrNever(kickOff.orElse(null)),
                NtTime.fromInstantOrNever(kickOff.orElse(null)),
                user.passwordLastSet().map(NtTime::fromInstant).orElse(0L),
                canChange.map(NtTime::fromInstant).orElse(0L), NtTime.fromInstantOrNever(mustChange.orElse(null)),
                user.logonScript(), user.homeDirectory(), user.fullName(), user.profilePath(),
                user.homeDirectoryDrive(), domain.machineName(), userFlags);
        ProfileDetails details = new ProfileDetails(userFlags, user.logonScript(), user.profilePath(),
                user.homeDirectory(), user.homeDirectoryDrive(), profile.logoffTime(), profile.kickOffTime(),
                profile.passwordLastSet(), profile.passwordCanChange(), profile.passwordMustChange(),
                ProfileDetails.ntTime(user.logonState().lastLogon(), 0));
        return new PackageLogonResult(user.sid(), groups, primaryGroup, PackageLogonResult.NEVER_EXPIRES,
                Msv1_0InteractiveProfileCodec.encode(profile), user.name(), domain.name(), domain.machineName(),
                "", "", details, Optional.empty(), !guest);
    }

    /**
     * NT AUTHORITY\LocalService and NetworkService: only for Service logons (else LOGON_FAILURE), only for trusted
     * callers, as only the service controller starts services; the token joins the built-in session. Other names
     * under NT AUTHORITY are unknown users.
     */
    private PackageLogonResult serviceAccountLogon(InteractiveLogon logon, PackageLogonRequest request,
                                                   DomainInfo domain) throws LsaException {
        String name = Upcase.of(logon.userName()).replace(" ", "");
        Sid sid;
        Luid session;
        String accountName;
        if (name.equals("LOCALSERVICE")) {
            sid = WellKnownSids.LOCAL_SERVICE;
            session = Luid.LOCAL_SERVICE;
            accountName = "LOCAL SERVICE";
        } else if (name.equals("NETWORKSERVICE")) {
            sid = WellKnownSids.NETWORK_SERVICE;
            session = Luid.NETWORK_SERVICE;
            accountName = "NETWORK SERVICE";
        } else {
            throw new LsaException(NtStatus.LOGON_FAILURE, NtStatus.NO_SUCH_USER, "no such NT AUTHORITY account");
        }
        if (request.logonType() != SecurityLogonType.SERVICE) {
            throw new LsaException(NtStatus.LOGON_FAILURE, "NT AUTHORITY\\" + accountName + " logs on only as a service");
        }
        if (!request.callerTrusted()) {
            throw new LsaException(NtStatus.PRIVILEGE_NOT_HELD, "only a trusted logon process may start "
                    + accountName + " logons");
        }
        byte[] profile = Msv1_0InteractiveProfileCodec.encode(new InteractiveProfile(0, 0,
                NtTime.fromInstant(context.clock().instant()), NtTime.NEVER, NtTime.NEVER, 0, 0, NtTime.NEVER, "", "",
                "", "", "", domain.machineName(), 0));
        return new PackageLogonResult(sid, List.of(), sid, PackageLogonResult.NEVER_EXPIRES, profile, accountName,
                WellKnownSids.NT_AUTHORITY, domain.machineName(), "", "", ProfileDetails.NONE, Optional.of(session), true);
    }

    // ------------------------------------------------------------------ CallPackage

    @Override
    public PackageCallResult callPackage(CallPackageRequest request) throws LsaException {
        return dispatch(request, true);
    }

    /** Untrusted callers may use ChangePassword only (lsa-semantics 2); other known messages are ACCESS_DENIED. */
    @Override
    public PackageCallResult callPackageUntrusted(CallPackageRequest request) throws LsaException {
        return dispatch(request, false);
    }

    private PackageCallResult dispatch(CallPackageRequest request, boolean trusted) throws LsaException {
        int raw = Msv1_0InteractiveLogonCodec.messageType(request.submitBuffer());
        Msv1_0ProtocolMessageType type = Msv1_0ProtocolMessageType.fromValue(raw).orElseThrow(() ->
                new LsaException(NtStatus.INVALID_PARAMETER, "unknown MSV1_0 protocol message type " + raw));
        if (!trusted && type != Msv1_0ProtocolMessageType.CHANGE_PASSWORD) {
            throw new LsaException(NtStatus.ACCESS_DENIED, type + " is not available to untrusted callers");
        }
        if (type == Msv1_0ProtocolMessageType.CHANGE_PASSWORD) {
            return new Msv1_0PasswordChange(context).change(request.submitBuffer(), trusted);
        }
        if (type == Msv1_0ProtocolMessageType.LM20_CHALLENGE_REQUEST) {
            // A fresh challenge from the LSA's random source. MSV1_0 keeps no record of it (as on Windows): the
            // server that asked binds it to its client and offers it back in the network logon.
            byte[] challenge = new byte[Msv1_0Lm20Logon.CHALLENGE_LENGTH];
            context.random().nextBytes(challenge);
            return new PackageCallResult(new Msv1_0Lm20ChallengeResponse(challenge).encode(), NtStatus.SUCCESS);
        }
        throw new LsaException(NtStatus.NOT_SUPPORTED, "MSV1_0 message " + type + " is not supported by this LSA");
    }

    @Override
    public void logonTerminated(Luid logonId) {
        // MSV1_0 keeps no per-session state (no cached credentials yet).
    }

}
