package org.openlsa.msv1_0;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.openlsa.engine.spi.PackageContext;
import org.openlsa.engine.spi.PackageLogonRequest;
import org.openlsa.engine.spi.PackageLogonResult;
import org.openlsa.engine.spi.ProfileDetails;
import org.openlsa.sam.AccountFlag;
import org.openlsa.sam.AccountRestrictions;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.DomainInfo;
import org.openlsa.sam.DomainPolicy;
import org.openlsa.sam.Lockout;
import org.openlsa.sam.NtlmPolicy;
import org.openlsa.sam.SamAccounting;
import org.openlsa.sam.UserAccount;

/**
 * MSV1_0 network logons: MsV1_0Lm20Logon, MsV1_0NetworkLogon and MsV1_0SubAuthLogon for logon types Network and
 * NetworkCleartext. The order (lsa-semantics 3, 4, 5):
 * <ol>
 * <li>validation class; a subauthentication package only for trusted callers (PRIVILEGE_NOT_HELD);</li>
 * <li>anonymous (no user, no responses): ANONYMOUS LOGON in its built-in session, or ACCESS_DENIED by policy;</li>
 * <li>NTLM_BLOCKED when the policy disables NTLM; the domain (as given, this domain, this machine or empty);</li>
 * <li>the account, or Guest (TRY_GUEST_ACCOUNT_ONLY, or an unknown user with Guest enabled and no
 * DONT_TRY_GUEST_ACCOUNT); an unknown user costs the same response arithmetic as a known one;</li>
 * <li>lockout BEFORE the responses (no password oracle), the responses ({@link NtlmResponseCheck}), the
 * subauthentication package; a wrong password is counted with the same atomic update interactive logons use;</li>
 * <li>only for valid credentials: trust accounts (NOLOGON_*_TRUST_ACCOUNT unless ParameterControl allows them),
 * then the account restrictions with the CLIENT's workstation name;</li>
 * <li>success: bad-password count cleared; LastLogon and LogonCount only with UPDATE_LOGON_STATISTICS.</li>
 * </ol>
 * The token is an impersonation token (the engine decides that from the logon type) with NETWORK, Authenticated
 * Users, This Organization and NTLM Authentication (S-1-5-64-10), which this class adds.
 */
final class Msv1_0NetworkLogon {
    /** NTOWFv1 of a 16-byte all-zero stand-in: the work an unknown user costs. */
    private static final byte[] DUMMY_HASH = new byte[16];

    private final PackageContext context;
    private final Map<Integer, SubAuthenticationPackage> subAuthPackages;

    Msv1_0NetworkLogon(PackageContext context, Map<Integer, SubAuthenticationPackage> subAuthPackages) {
        this.context = context;
        this.subAuthPackages = Map.copyOf(subAuthPackages);
    }

    PackageLogonResult logon(Msv1_0Lm20Logon logon, PackageLogonRequest request) throws LsaException {
        SecurityLogonType type = request.logonType();
        if (type != SecurityLogonType.NETWORK && type != SecurityLogonType.NETWORK_CLEARTEXT) {
            throw new LsaException(NtStatus.BAD_VALIDATION_CLASS, logon.submitType() + " cannot serve a "
                    + type.displayName() + " logon");
        }
        Optional<SubAuthenticationPackage> subAuth = subAuthPackage(logon, request.callerTrusted());
        AccountStore store = context.store();
        DomainInfo domain = store.domain();
        DomainPolicy policy = domain.policy();
        NtlmPolicy ntlm = policy.ntlm();
        if (logon.isAnonymous() && subAuth.isEmpty()) {
            return anonymous(ntlm, domain);
        }
        if (ntlm.level() == NtlmPolicy.Level.DISABLED) {
            throw new LsaException(NtStatus.NTLM_BLOCKED, "NTLM is disabled by the domain's policy");
        }
        if (!domain.answersTo(logon.logonDomainName())) {
            burnEquivalentWork(logon, ntlm);
            throw new LsaException(NtStatus.LOGON_FAILURE, NtStatus.NO_SUCH_DOMAIN, "unknown domain");
        }
        UserAccount user = account(logon, store);
        Instant now = context.clock().instant();
        if (Lockout.isLockedOut(user, user.logonState(), policy, now)) {
            throw SamAccounting.lockedOut();
        }
        Optional<SubAuthenticationPackage.Verdict> verdict;
        int userFlags;
        try (Credentials c = Credentials.of(store, user, ntlm);
             NtlmResponseCheck.Verified verified = NtlmResponseCheck.check(logon, c.nt, c.lm, ntlm).orElse(null)) {
            verdict = subAuth.isEmpty() ? Optional.empty()
                    : Optional.of(subAuth.get().validate(new SubAuthenticationPackage.Request(logon, type, user,
                            domain, now, verified != null)));
            boolean accepted = verdict.map(v -> v.status().equals(NtStatus.SUCCESS)).orElse(verified != null);
            NtStatus refusal = verdict.map(SubAuthenticationPackage.Verdict::status).orElse(NtStatus.WRONG_PASSWORD);
            if (!accepted) {
                if (refusal.equals(NtStatus.WRONG_PASSWORD)) {
                    throw SamAccounting.badPassword(store, user, policy, now);
                }
                throw subAuthRefusal(refusal);
            }
            checkTrustAccount(user, logon.parameterControl());
            Optional<NtStatus> restriction = AccountRestrictions.check(user, policy, now, logon.workstation());
            if (restriction.isPresent()) {
                throw new LsaException(NtStatus.ACCOUNT_RESTRICTION, restriction.get(), "account restriction: "
                        + restriction.get().symbolicName().orElse(""));
            }
            SamAccounting.success(store, user, policy, now, Msv1_0ParameterControl.has(logon.parameterControl(),
                    Msv1_0ParameterControl.UPDATE_LOGON_STATISTICS));
            userFlags = (verified == null ? 0 : verified.userFlags())
                    | verdict.map(SubAuthenticationPackage.Verdict::userFlags).orElse(0);
            SecretBytes userKey = verified == null ? SecretBytes.adopt(new byte[16]) : verified.userSessionKey();
            SecretBytes lanmanKey = verified == null ? SecretBytes.adopt(new byte[8]) : verified.lanmanSessionKey();
            return result(logon, user, domain, policy, now, userFlags, userKey, lanmanKey,
                    verdict.flatMap(SubAuthenticationPackage.Verdict::kickOffTime));
        }
    }

    private Optional<SubAuthenticationPackage> subAuthPackage(Msv1_0Lm20Logon logon, boolean trusted)
            throws LsaException {
        int id = logon.effectiveSubAuthPackageId();
        if (logon.submitType() != Msv1_0SubmitType.SUBAUTH_LOGON && id == 0) {
            return Optional.empty();
        }
        if (!trusted) {
            throw new LsaException(NtStatus.PRIVILEGE_NOT_HELD, "subauthentication needs SeTcbPrivilege");
        }
        SubAuthenticationPackage p = subAuthPackages.get(id);
        if (p == null) {
            throw new LsaException(NtStatus.NO_SUCH_PACKAGE, "no subauthentication package with id " + id
                    + " is configured");
        }
        return Optional.of(p);
    }

    private static LsaException subAuthRefusal(NtStatus status) {
        if (AccountRestrictions.isRestriction(status)) {
            return new LsaException(NtStatus.ACCOUNT_RESTRICTION, status, "refused by the subauthentication package");
        }
        return new LsaException(status, "refused by the subauthentication package");
    }

    /** The named account, or Guest as ParameterControl and the account's state allow. */
    private UserAccount account(Msv1_0Lm20Logon logon, AccountStore store) throws LsaException {
        int control = logon.parameterControl();
        boolean guestOnly = Msv1_0ParameterControl.has(control, Msv1_0ParameterControl.TRY_GUEST_ACCOUNT_ONLY);
        Optional<UserAccount> found = guestOnly || logon.userName().isEmpty() ? Optional.empty()
                : store.findUser(logon.userName());
        boolean triedGuest = found.isEmpty() && (guestOnly || !Msv1_0ParameterControl.has(control,
                Msv1_0ParameterControl.DONT_TRY_GUEST_ACCOUNT));
        if (triedGuest) {
            found = store.findUser(UserAccount.RID_GUEST).filter(g -> !g.has(AccountFlag.DISABLED));
        }
        if (found.isEmpty()) {
            DomainPolicy policy = store.domain().policy();
            // The reads, the response arithmetic and the counting transaction a known user's bad response costs
            // (issue 17). The Guest lookup, when made, already stands in for the NT hash read.
            if (!triedGuest) {
                store.ntHash(UserAccount.RID_GUEST).ifPresent(SecretBytes::destroy);
            }
            if (policy.ntlm().lanmanAuth()) {
                store.lmHash(UserAccount.RID_GUEST).ifPresent(SecretBytes::destroy);
            }
            burnEquivalentWork(logon, policy.ntlm());
            throw SamAccounting.unknownUser(store, policy);
        }
        return found.get();
    }

    private static void burnEquivalentWork(Msv1_0Lm20Logon logon, NtlmPolicy ntlm) {
        try (SecretBytes dummy = SecretBytes.copyOf(DUMMY_HASH)) {
            NtlmResponseCheck.check(logon, Optional.of(dummy), Optional.empty(), ntlm).ifPresent(NtlmResponseCheck.Verified::close);
        }
    }

    private static void checkTrustAccount(UserAccount user, int control) throws LsaException {
        if (user.has(AccountFlag.INTERDOMAIN_TRUST_ACCOUNT)
                && !Msv1_0ParameterControl.has(control, Msv1_0ParameterControl.ALLOW_SERVER_TRUST_ACCOUNT)) {
            throw new LsaException(NtStatus.NOLOGON_INTERDOMAIN_TRUST_ACCOUNT, "an interdomain trust account");
        }
        if (user.has(AccountFlag.SERVER_TRUST_ACCOUNT)
                && !Msv1_0ParameterControl.has(control, Msv1_0ParameterControl.ALLOW_SERVER_TRUST_ACCOUNT)) {
            throw new LsaException(NtStatus.NOLOGON_SERVER_TRUST_ACCOUNT, "a server trust account");
        }
        if (user.has(AccountFlag.WORKSTATION_TRUST_ACCOUNT)
                && !Msv1_0ParameterControl.has(control, Msv1_0ParameterControl.ALLOW_WORKSTATION_TRUST_ACCOUNT)) {
            throw new LsaException(NtStatus.NOLOGON_WORKSTATION_TRUST_ACCOUNT, "a workstation trust account");
        }
    }

    private PackageLogonResult result(Msv1_0Lm20Logon logon, UserAccount user, DomainInfo domain, DomainPolicy policy,
                                      Instant now, int userFlags, SecretBytes userKey, SecretBytes lanmanKey,
                                      Optional<Instant> subAuthKickOff) throws LsaException {
        List<SidAndAttributes> groups = new ArrayList<>(SamAccounting.globalGroups(context.store(), user, domain));
        Sid primaryGroup = groups.getFirst().sid();
        groups.add(new SidAndAttributes(WellKnownSids.NTLM_AUTHENTICATION, GroupAttributes.DEFAULT));
        boolean guest = user.rid() == UserAccount.RID_GUEST;
        int control = logon.parameterControl();
        int flags = userFlags | (guest ? Msv1_0UserFlags.GUEST : 0);
        Optional<Instant> kickOff = SamAccounting.kickOffTime(user, now);
        if (subAuthKickOff.isPresent() && (kickOff.isEmpty() || subAuthKickOff.get().isBefore(kickOff.get()))) {
            kickOff = subAuthKickOff;
        }
        Optional<Instant> mustChange = AccountRestrictions.passwordMustChangeAt(user, policy);
        long kickOffTime = NtTime.fromInstantOrNever(kickOff.orElse(null));
        long logoffTime = Msv1_0ParameterControl.has(control, Msv1_0ParameterControl.RETURN_PASSWORD_EXPIRY)
                ? NtTime.fromInstantOrNever(mustChange.orElse(null)) : kickOffTime;
        String userParameters = "";
        if (Msv1_0ParameterControl.has(control, Msv1_0ParameterControl.RETURN_PROFILE_PATH)) {
            userParameters = user.profilePath();
            flags |= Msv1_0UserFlags.PROFILE_PATH_RETURNED;
        }
        byte[] u = userKey.copyBytes();
        byte[] l = lanmanKey.copyBytes();
        Msv1_0Lm20LogonProfile profile = new Msv1_0Lm20LogonProfile(kickOffTime, logoffTime, flags, u, domain.name(),
                l, domain.machineName(), userParameters);
        java.util.Arrays.fill(u, (byte) 0);
        java.util.Arrays.fill(l, (byte) 0);
        byte[] encoded = Msv1_0Lm20LogonProfileCodec.encode(profile);
        profile.wipe();
        ProfileDetails details = new ProfileDetails(flags, user.logonScript(), user.profilePath(),
                user.homeDirectory(), user.homeDirectoryDrive(), logoffTime, kickOffTime,
                user.passwordLastSet().map(NtTime::fromInstant).orElse(0L),
                AccountRestrictions.passwordCanChangeAt(user, policy).map(NtTime::fromInstant).orElse(0L),
                NtTime.fromInstantOrNever(mustChange.orElse(null)),
                ProfileDetails.ntTime(user.logonState().lastLogon(), 0));
        return new PackageLogonResult(user.sid(), groups, primaryGroup, PackageLogonResult.NEVER_EXPIRES, encoded,
                user.name(), domain.name(), domain.machineName(), "", "", details, Optional.empty(), !guest);
    }

    /** ANONYMOUS LOGON (S-1-5-7) in the built-in anonymous session 0x3e6, unless the policy refuses it. */
    private PackageLogonResult anonymous(NtlmPolicy ntlm, DomainInfo domain) throws LsaException {
        if (!ntlm.anonymousLogon()) {
            throw new LsaException(NtStatus.ACCESS_DENIED, "anonymous logons are refused by the domain's policy");
        }
        Msv1_0Lm20LogonProfile profile = new Msv1_0Lm20LogonProfile(NtTime.NEVER, NtTime.NEVER, 0, new byte[16],
                domain.name(), new byte[8], domain.machineName(), "");
        return new PackageLogonResult(WellKnownSids.ANONYMOUS, List.of(), WellKnownSids.ANONYMOUS,
                PackageLogonResult.NEVER_EXPIRES, Msv1_0Lm20LogonProfileCodec.encode(profile), "ANONYMOUS LOGON",
                WellKnownSids.NT_AUTHORITY, domain.machineName(), "", "", ProfileDetails.NONE,
                Optional.of(Luid.ANONYMOUS_LOGON), false);
    }

    /** The account's hashes for one check; destroyed together. */
    private record Credentials(Optional<SecretBytes> nt, Optional<SecretBytes> lm) implements AutoCloseable {
        static Credentials of(AccountStore store, UserAccount user, NtlmPolicy ntlm) throws LsaException {
            Optional<SecretBytes> nt = store.ntHash(user.rid());
            if (nt.isEmpty() && user.has(AccountFlag.PASSWORD_NOT_REQUIRED)) {
                // No password and none required: the responses must be those of the empty password.
                nt = Optional.of(org.openlsa.crypto.NtOwf.ntOwfV1(SecretBytes.adopt(new byte[0])));
            }
            return new Credentials(nt, ntlm.lanmanAuth() ? store.lmHash(user.rid()) : Optional.empty());
        }

        @Override
        public void close() {
            nt.ifPresent(SecretBytes::destroy);
            lm.ifPresent(SecretBytes::destroy);
        }
    }
}
