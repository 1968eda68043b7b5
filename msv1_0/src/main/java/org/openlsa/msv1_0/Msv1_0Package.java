package org.openlsa.msv1_0;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
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
import org.openlsa.engine.spi.AuthenticationPackage;
import org.openlsa.engine.spi.CallPackageRequest;
import org.openlsa.engine.spi.PackageCallResult;
import org.openlsa.engine.spi.PackageContext;
import org.openlsa.engine.spi.PackageLogonRequest;
import org.openlsa.engine.spi.PackageLogonResult;
import org.openlsa.engine.spi.ProfileDetails;
import org.openlsa.sam.AccountFlag;
import org.openlsa.sam.AccountRestrictions;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.DomainInfo;
import org.openlsa.sam.DomainPolicy;
import org.openlsa.sam.GroupAccount;
import org.openlsa.sam.Lockout;
import org.openlsa.sam.LogonState;
import org.openlsa.sam.Passwords;
import org.openlsa.sam.UserAccount;

/**
 * MSV1_0 password logons against the SAM (MsV1_0InteractiveLogon and MsV1_0WorkstationUnlockLogon) and its
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

    private PackageContext context;

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
    }

    @Override
    public Optional<byte[]> encodePasswordLogon(SecurityLogonType logonType, String userName, String domain,
                                                SecretBytes password) {
        Optional<Luid> unlock = logonType == SecurityLogonType.UNLOCK ? Optional.of(Luid.ZERO) : Optional.empty();
        // The record does not take ownership of the caller's password: it only reads it here.
        return Optional.of(Msv1_0InteractiveLogonCodec.encode(new Msv1_0InteractiveLogon(domain, userName, password, unlock)));
    }

    @Override
    public Optional<String[]> namesForAudit(byte[] authenticationInformation) {
        try (Msv1_0InteractiveLogon logon = Msv1_0InteractiveLogonCodec.decode(authenticationInformation)) {
            return Optional.of(new String[] {logon.logonDomainName(), logon.userName()});
        } catch (LsaException e) {
            return Optional.empty();
        }
    }

    @Override
    public PackageLogonResult logonUser(PackageLogonRequest request) throws LsaException {
        try (Msv1_0InteractiveLogon logon = Msv1_0InteractiveLogonCodec.decode(request.authenticationInformation())) {
            checkValidationClass(logon, request.logonType());
            return logon(logon, request);
        }
    }

    /** Interactive structures serve the password logon types; the unlock structure serves Unlock only. */
    private static void checkValidationClass(Msv1_0InteractiveLogon logon, SecurityLogonType type) throws LsaException {
        boolean ok = logon.unlockLogonId().isPresent() ? type == SecurityLogonType.UNLOCK : INTERACTIVE_TYPES.contains(type);
        if (!ok) {
            throw new LsaException(NtStatus.BAD_VALIDATION_CLASS, logon.submitType() + " cannot serve a "
                    + type.displayName() + " logon");
        }
    }

    private PackageLogonResult logon(Msv1_0InteractiveLogon logon, PackageLogonRequest request) throws LsaException {
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
        if (found.isEmpty()) {
            Passwords.burnEquivalentWork(logon.password());
            throw new LsaException(NtStatus.LOGON_FAILURE, NtStatus.NO_SUCH_USER, "unknown user");
        }
        UserAccount user = found.get();
        DomainPolicy policy = domain.policy();
        Instant now = context.clock().instant();
        if (Lockout.isLockedOut(user, user.logonState(), policy, now)) {
            throw lockedOut();
        }
        if (!Passwords.matches(store, user, logon.password())) {
            recordBadPassword(store, user, policy, now);
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
        LogonState state = recordSuccess(store, user, policy, now);
        return result(user, domain, policy, now, state, badCountBefore);
    }

    /**
     * Counts a wrong password, atomically with the lockout decision: an attempt that finds the account locked inside
     * the update is not counted and reads ACCOUNT_LOCKED_OUT, so the count stops exactly at the threshold.
     */
    private static void recordBadPassword(AccountStore store, UserAccount user, DomainPolicy policy, Instant now)
            throws LsaException {
        AtomicBoolean locked = new AtomicBoolean();
        store.updateLogonState(user.rid(), s -> {
            if (Lockout.isLockedOut(user, s, policy, now)) {
                locked.set(true);
                return s;
            }
            return Lockout.afterBadPassword(user, s, policy, now);
        });
        if (locked.get()) {
            throw lockedOut();
        }
        throw new LsaException(NtStatus.LOGON_FAILURE, NtStatus.WRONG_PASSWORD, "wrong password");
    }

    /** Resets the counters, unless a concurrent failure locked the account since the check above. */
    private static LogonState recordSuccess(AccountStore store, UserAccount user, DomainPolicy policy, Instant now)
            throws LsaException {
        AtomicBoolean locked = new AtomicBoolean();
        LogonState state = store.updateLogonState(user.rid(), s -> {
            if (Lockout.isLockedOut(user, s, policy, now)) {
                locked.set(true);
                return s;
            }
            return Lockout.afterSuccess(s, now);
        });
        if (locked.get()) {
            throw lockedOut();
        }
        return state;
    }

    private static LsaException lockedOut() {
        return new LsaException(NtStatus.ACCOUNT_RESTRICTION, NtStatus.ACCOUNT_LOCKED_OUT, "account locked out");
    }

    private PackageLogonResult result(UserAccount user, DomainInfo domain, DomainPolicy policy, Instant now,
                                      LogonState state, int badCountBefore) throws LsaException {
        AccountStore store = context.store();
        Sid primaryGroup = domain.sid().append(user.primaryGroupRid());
        List<SidAndAttributes> groups = new ArrayList<>();
        groups.add(new SidAndAttributes(primaryGroup, GroupAttributes.DEFAULT));
        for (GroupAccount g : store.groupsOfUser(user.rid())) {
            if (!g.sid().equals(primaryGroup)) {
                groups.add(new SidAndAttributes(g.sid(), GroupAttributes.DEFAULT));
            }
        }
        boolean guest = user.rid() == UserAccount.RID_GUEST;
        Optional<Instant> kickOff = user.logonHours().nextForbiddenAfter(now);
        if (user.accountExpires().isPresent() && (kickOff.isEmpty() || user.accountExpires().get().isBefore(kickOff.get()))) {
            kickOff = user.accountExpires();
        }
        Optional<Instant> canChange = AccountRestrictions.passwordCanChangeAt(user, policy);
        Optional<Instant> mustChange = AccountRestrictions.passwordMustChangeAt(user, policy);
        int userFlags = guest ? Msv1_0UserFlags.GUEST : 0;
        Msv1_0InteractiveProfile profile = new Msv1_0InteractiveProfile(
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
    private PackageLogonResult serviceAccountLogon(Msv1_0InteractiveLogon logon, PackageLogonRequest request,
                                                   DomainInfo domain) throws LsaException {
        String name = logon.userName().toUpperCase(Locale.ROOT).replace(" ", "");
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
        byte[] profile = Msv1_0InteractiveProfileCodec.encode(new Msv1_0InteractiveProfile(0, 0,
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
        throw new LsaException(NtStatus.NOT_SUPPORTED, "MSV1_0 message " + type + " is not supported by this LSA");
    }

    @Override
    public void logonTerminated(Luid logonId) {
        // MSV1_0 keeps no per-session state (no cached credentials yet).
    }

    /** Shared with {@link Msv1_0PasswordChange}: the failure count of a wrong old password. */
    static void countBadPassword(AccountStore store, UserAccount user, DomainPolicy policy, Instant now) throws LsaException {
        recordBadPassword(store, user, policy, now);
    }
}
