package org.openlsa.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openlsa.core.AccessToken;
import org.openlsa.core.ImpersonationLevel;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.core.NtTime;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.core.Sid;
import org.openlsa.core.SidAndAttributes;
import org.openlsa.core.TokenType;
import org.openlsa.core.WellKnownSids;
import org.openlsa.engine.CallPackageResult;
import org.openlsa.engine.LogonResult;
import org.openlsa.engine.LsaConnection;
import org.openlsa.engine.conformance.ConnectionLimits;
import org.openlsa.host.StateLayout;
import org.openlsa.msv1_0.Msv1_0Lm20ChallengeResponse;
import org.openlsa.msv1_0.Msv1_0Lm20Logon;
import org.openlsa.msv1_0.Msv1_0Lm20LogonCodec;
import org.openlsa.msv1_0.Msv1_0Lm20LogonProfile;
import org.openlsa.msv1_0.Msv1_0Lm20LogonProfileCodec;
import org.openlsa.msv1_0.Msv1_0ParameterControl;
import org.openlsa.msv1_0.Msv1_0SubmitType;
import org.openlsa.msv1_0.Msv1_0UserFlags;
import org.openlsa.sam.AccountFlag;
import org.openlsa.sam.NtlmPolicy;
import org.openlsa.sam.UserAccount;

/**
 * MSV1_0 network logons (MsV1_0Lm20Logon / MsV1_0NetworkLogon / MsV1_0SubAuthLogon) through the Lsa API, on top
 * of {@link Msv1_0ConformanceSuite}: every response kind of lsa-semantics 5, the NTLM policy, the profile and its
 * session keys, ParameterControl, restrictions against the client's workstation, shared lockout, the challenge
 * request and subauthentication. Runs in-process and through the daemon like its parent.
 */
public abstract class NetworkLogonConformanceSuite extends Msv1_0ConformanceSuite {
    private static final byte[] CHALLENGE = HexFormat.of().parseHex("0123456789abcdef");
    private static final String WORKSTATION = "CLIENT7";

    private LogonResult network(LsaConnection c, Msv1_0Lm20Logon logon) throws LsaException {
        return c.logonUser(request(SecurityLogonType.NETWORK, Msv1_0Lm20LogonCodec.encode(logon)));
    }

    private static Msv1_0Lm20Logon v2Logon(String domain, String user, String password, int control) {
        NtlmResponses.V2 r = NtlmResponses.ntlmV2(user, domain, password, CHALLENGE);
        return Msv1_0Lm20Logon.network(domain, user, WORKSTATION, CHALLENGE, r.nt(), r.lm(), control);
    }

    private Msv1_0Lm20LogonProfile profile(LogonResult r) throws LsaException {
        return Msv1_0Lm20LogonProfileCodec.decode(r.profileBuffer().bytes());
    }

    private void setNtlm(NtlmPolicy ntlm) throws LsaException {
        store.setPolicy(store.domain().policy().withNtlm(ntlm));
    }

    private static List<Sid> groupSids(AccessToken t) {
        return t.groups().stream().map(SidAndAttributes::sid).toList();
    }

    @Test
    void ntlmV2GivesAnImpersonationTokenWithTheNtlmSidAndTheSessionKey() throws Exception {
        user("nina");
        NtlmResponses.V2 expected = NtlmResponses.ntlmV2("nina", TestRealm.DOMAIN, PASSWORD, CHALLENGE);
        LogonResult r = network(trusted, v2Logon(TestRealm.DOMAIN, "nina", PASSWORD, 0));
        AccessToken t = trusted.queryToken(r.token());
        assertEquals(TokenType.IMPERSONATION, t.type());
        assertEquals(ImpersonationLevel.IMPERSONATION, t.impersonationLevel().orElseThrow());
        List<Sid> sids = groupSids(t);
        for (Sid s : List.of(WellKnownSids.NETWORK, WellKnownSids.AUTHENTICATED_USERS, WellKnownSids.THIS_ORGANIZATION,
                WellKnownSids.NTLM_AUTHENTICATION, WellKnownSids.WORLD)) {
            assertTrue(sids.contains(s), () -> s + " missing from " + sids);
        }
        assertFalse(sids.contains(WellKnownSids.INTERACTIVE));
        assertTrue(r.quotas().isEmpty());
        Msv1_0Lm20LogonProfile p = profile(r);
        assertArrayEquals(expected.sessionBaseKey(), p.userSessionKey(), "UserSessionKey = v2 SessionBaseKey");
        assertArrayEquals(Arrays.copyOf(expected.sessionBaseKey(), 8), p.lanmanSessionKey());
        assertEquals(TestRealm.DOMAIN, p.logonDomainName());
        assertEquals(TestRealm.MACHINE, p.logonServer());
        assertEquals(0, p.userFlags());
        assertEquals("nina", trusted.getLogonSessionData(t.authenticationId()).userName());
    }

    @Test
    void ntlmV2AcceptsTheDomainAsGivenUpperCasedOrEmpty() throws Exception {
        user("dora");
        for (String domain : List.of("testdom", TestRealm.DOMAIN, "")) {
            // The client computed its response with this domain; the logon names the lower-case one.
            NtlmResponses.V2 r = NtlmResponses.ntlmV2("dora", domain, PASSWORD, CHALLENGE);
            LogonResult ok = network(trusted, Msv1_0Lm20Logon.network("testdom", "dora", WORKSTATION, CHALLENGE,
                    r.nt(), new byte[0], 0));
            assertArrayEquals(r.sessionBaseKey(), profile(ok).userSessionKey(), "domain variant '" + domain + "'");
        }
        NtlmResponses.V2 other = NtlmResponses.ntlmV2("dora", "OTHER", PASSWORD, CHALLENGE);
        fails(NtStatus.LOGON_FAILURE, NtStatus.WRONG_PASSWORD, () -> network(trusted, Msv1_0Lm20Logon.network(
                "testdom", "dora", WORKSTATION, CHALLENGE, other.nt(), new byte[0], 0)));
    }

    @Test
    void wrongPasswordAlteredBlobAndWrongChallengeFail() throws Exception {
        user("walt");
        fails(NtStatus.LOGON_FAILURE, NtStatus.WRONG_PASSWORD,
                () -> network(trusted, v2Logon(TestRealm.DOMAIN, "walt", "not-it", 0)));
        NtlmResponses.V2 r = NtlmResponses.ntlmV2("walt", TestRealm.DOMAIN, PASSWORD, CHALLENGE);
        byte[] altered = r.nt();
        altered[altered.length - 5] ^= 1;
        fails(NtStatus.LOGON_FAILURE, NtStatus.WRONG_PASSWORD, () -> network(trusted, Msv1_0Lm20Logon.network(
                TestRealm.DOMAIN, "walt", WORKSTATION, CHALLENGE, altered, new byte[0], 0)));
        byte[] otherChallenge = CHALLENGE.clone();
        otherChallenge[0] ^= 1;
        fails(NtStatus.LOGON_FAILURE, NtStatus.WRONG_PASSWORD, () -> network(trusted, Msv1_0Lm20Logon.network(
                TestRealm.DOMAIN, "walt", WORKSTATION, otherChallenge, r.nt(), r.lm(), 0)));
        for (int len : new int[] {0, 1, 16, 23, 25}) {
            byte[] cut = Arrays.copyOf(r.nt(), len);
            fails(NtStatus.LOGON_FAILURE, NtStatus.WRONG_PASSWORD, () -> network(trusted, Msv1_0Lm20Logon.network(
                    TestRealm.DOMAIN, "walt", WORKSTATION, CHALLENGE, cut, new byte[0], 0)));
        }
        assertEquals(8, store.findUser("walt").orElseThrow().logonState().badPasswordCount());
    }

    @Test
    void lmV2AloneIsAcceptedAndRescuesAnAlteredNtResponse() throws Exception {
        user("lena");
        NtlmResponses.V2 r = NtlmResponses.ntlmV2("lena", TestRealm.DOMAIN, PASSWORD, CHALLENGE);
        LogonResult lmOnly = network(trusted, Msv1_0Lm20Logon.network(TestRealm.DOMAIN, "lena", WORKSTATION,
                CHALLENGE, new byte[0], r.lm(), 0));
        assertNotEquals(0, profile(lmOnly).userSessionKey()[0] | profile(lmOnly).userSessionKey()[1]);
        // As in Samba and MS-NLMP 3.3.2: a failed NTLMv2 response with a valid LMv2 one is accepted, and the session
        // key still comes from the NT response: from the NTProofStr the server computes over its blob (here intact),
        // not from the altered one the client sent (SambaOracleTest checks the other alterations against Samba).
        byte[] altered = r.nt();
        altered[3] ^= 1;
        LogonResult rescued = network(trusted, Msv1_0Lm20Logon.network(TestRealm.DOMAIN, "lena", WORKSTATION,
                CHALLENGE, altered, r.lm(), 0));
        assertArrayEquals(r.sessionBaseKey(), profile(rescued).userSessionKey());
    }

    @Test
    void unknownUserAndWrongPasswordLookAlikeToUntrustedCallers() throws Exception {
        user("ursula");
        fails(NtStatus.LOGON_FAILURE, NtStatus.NO_SUCH_USER,
                () -> network(trusted, v2Logon(TestRealm.DOMAIN, "nobody", PASSWORD, 0)));
        try (LsaConnection untrusted = untrustedAs("ursula")) {
            int msvId = untrusted.lookupAuthenticationPackage("MSV1_0");
            assertEquals(pkg, msvId);
            fails(NtStatus.LOGON_FAILURE, NtStatus.SUCCESS,
                    () -> network(untrusted, v2Logon(TestRealm.DOMAIN, "nobody", PASSWORD, 0)));
            fails(NtStatus.LOGON_FAILURE, NtStatus.SUCCESS,
                    () -> network(untrusted, v2Logon(TestRealm.DOMAIN, "ursula", "wrong", 0)));
            LogonResult ok = network(untrusted, v2Logon(TestRealm.DOMAIN, "ursula", PASSWORD, 0));
            untrusted.closeHandle(ok.token());
        }
        fails(NtStatus.LOGON_FAILURE, NtStatus.NO_SUCH_DOMAIN,
                () -> network(trusted, v2Logon("ELSEWHERE", "ursula", PASSWORD, 0)));
    }

    @Test
    void ntlmV1IsRefusedUntilThePolicyPermitsIt() throws Exception {
        user("vic");
        byte[] v1 = NtlmResponses.ntlmV1(PASSWORD, CHALLENGE);
        Msv1_0Lm20Logon logon = Msv1_0Lm20Logon.network(TestRealm.DOMAIN, "vic", WORKSTATION, CHALLENGE, v1,
                new byte[0], 0);
        fails(NtStatus.LOGON_FAILURE, NtStatus.WRONG_PASSWORD, () -> network(trusted, logon));
        setNtlm(NtlmPolicy.DEFAULT.withLevel(NtlmPolicy.Level.MSCHAPV2_AND_NTLMV2_ONLY));
        fails(NtStatus.LOGON_FAILURE, NtStatus.WRONG_PASSWORD, () -> network(trusted, logon));
        network(trusted, Msv1_0Lm20Logon.network(TestRealm.DOMAIN, "vic", WORKSTATION, CHALLENGE, v1, new byte[0],
                Msv1_0ParameterControl.ALLOW_MSVCHAPV2));
        setNtlm(NtlmPolicy.DEFAULT.withLevel(NtlmPolicy.Level.NTLMV1_PERMITTED));
        LogonResult r = network(trusted, logon);
        assertArrayEquals(NtlmResponses.v1SessionKey(PASSWORD), profile(r).userSessionKey());
        assertArrayEquals(new byte[8], profile(r).lanmanSessionKey(), "no LM key without LAN Manager");
        fails(NtStatus.LOGON_FAILURE, NtStatus.WRONG_PASSWORD, () -> network(trusted, Msv1_0Lm20Logon.network(
                TestRealm.DOMAIN, "vic", WORKSTATION, CHALLENGE, NtlmResponses.ntlmV1("wrong", CHALLENGE),
                new byte[0], 0)));
    }

    @Test
    void ntlmV1WithExtendedSessionSecurity() throws Exception {
        user("essie");
        setNtlm(NtlmPolicy.DEFAULT.withLevel(NtlmPolicy.Level.NTLMV1_PERMITTED));
        byte[] clientChallenge = NtlmResponses.CLIENT_CHALLENGE;
        byte[] lm = Arrays.copyOf(clientChallenge, 24);
        byte[] essChallenge = org.openlsa.crypto.NtlmV1.extendedSessionSecurityChallenge(CHALLENGE, clientChallenge);
        byte[] nt = NtlmResponses.ntlmV1(PASSWORD, essChallenge);
        network(trusted, Msv1_0Lm20Logon.network(TestRealm.DOMAIN, "essie", WORKSTATION, CHALLENGE, nt, lm,
                Msv1_0ParameterControl.USE_CLIENT_CHALLENGE));
        fails(NtStatus.LOGON_FAILURE, NtStatus.WRONG_PASSWORD, () -> network(trusted, Msv1_0Lm20Logon.network(
                TestRealm.DOMAIN, "essie", WORKSTATION, CHALLENGE, nt, lm, 0)));
    }

    @Test
    void lanManagerNeedsThePolicyAndAnLmHashSetUnderIt() throws Exception {
        setNtlm(NtlmPolicy.DEFAULT.withLevel(NtlmPolicy.Level.NTLMV1_PERMITTED).withLanmanAuth(true));
        user("lars");   // password set while LAN Manager is allowed: an LM hash is stored
        byte[] lm = NtlmResponses.lmV1(PASSWORD, CHALLENGE);
        LogonResult r = network(trusted, Msv1_0Lm20Logon.network(TestRealm.DOMAIN, "lars", WORKSTATION, CHALLENGE,
                new byte[0], lm, 0));
        Msv1_0Lm20LogonProfile p = profile(r);
        assertTrue((p.userFlags() & Msv1_0UserFlags.USED_LM_PASSWORD) != 0);
        byte[] lmHash = NtlmResponses.lmHash(PASSWORD);
        assertArrayEquals(Arrays.copyOf(Arrays.copyOf(lmHash, 8), 16), p.userSessionKey());
        assertArrayEquals(Arrays.copyOf(lmHash, 8), p.lanmanSessionKey());
        // Turning LAN Manager off refuses the same response at once.
        setNtlm(NtlmPolicy.DEFAULT.withLevel(NtlmPolicy.Level.NTLMV1_PERMITTED));
        fails(NtStatus.LOGON_FAILURE, NtStatus.WRONG_PASSWORD, () -> network(trusted, Msv1_0Lm20Logon.network(
                TestRealm.DOMAIN, "lars", WORKSTATION, CHALLENGE, new byte[0], lm, 0)));
    }

    @Test
    void cleartextNeedsTheFlagAndAZeroChallenge() throws Exception {
        user("clara");
        byte[] zero = new byte[8];
        byte[] pw = NtlmResponses.utf16(PASSWORD);
        LogonResult r = trusted.logonUser(request(SecurityLogonType.NETWORK_CLEARTEXT, Msv1_0Lm20LogonCodec.encode(
                Msv1_0Lm20Logon.network(TestRealm.DOMAIN, "clara", WORKSTATION, zero, pw, new byte[0],
                        Msv1_0ParameterControl.CLEARTEXT_PASSWORD_ALLOWED))));
        assertTrue((profile(r).userFlags() & Msv1_0UserFlags.NOENCRYPTION) != 0);
        fails(NtStatus.LOGON_FAILURE, NtStatus.WRONG_PASSWORD, () -> network(trusted, Msv1_0Lm20Logon.network(
                TestRealm.DOMAIN, "clara", WORKSTATION, zero, pw, new byte[0], 0)));
        fails(NtStatus.LOGON_FAILURE, NtStatus.WRONG_PASSWORD, () -> network(trusted, Msv1_0Lm20Logon.network(
                TestRealm.DOMAIN, "clara", WORKSTATION, zero, NtlmResponses.utf16("nope"), new byte[0],
                Msv1_0ParameterControl.CLEARTEXT_PASSWORD_ALLOWED)));
    }

    @Test
    void anonymousLogonIsAnonymousUnlessThePolicyRefusesIt() throws Exception {
        Msv1_0Lm20Logon anonymous = Msv1_0Lm20Logon.network("", "", WORKSTATION, CHALLENGE, new byte[0],
                new byte[] {0}, 0);
        LogonResult r = network(trusted, anonymous);
        AccessToken t = trusted.queryToken(r.token());
        assertEquals(WellKnownSids.ANONYMOUS, t.user().sid());
        assertEquals(Luid.ANONYMOUS_LOGON, t.authenticationId());
        assertEquals(TokenType.IMPERSONATION, t.type());
        assertFalse(groupSids(t).contains(WellKnownSids.AUTHENTICATED_USERS));
        setNtlm(NtlmPolicy.DEFAULT.withAnonymousLogon(false));
        fails(NtStatus.ACCESS_DENIED, NtStatus.SUCCESS, () -> network(trusted, anonymous));
    }

    @Test
    void restrictionsUseTheClientsWorkstationAndNeedValidResponses() throws Exception {
        user("wanda", b -> b.workstations(List.of(WORKSTATION)));
        network(trusted, v2Logon(TestRealm.DOMAIN, "wanda", PASSWORD, 0));
        NtlmResponses.V2 r = NtlmResponses.ntlmV2("wanda", TestRealm.DOMAIN, PASSWORD, CHALLENGE);
        fails(NtStatus.ACCOUNT_RESTRICTION, NtStatus.INVALID_WORKSTATION, () -> network(trusted,
                Msv1_0Lm20Logon.network(TestRealm.DOMAIN, "wanda", "OTHERPC", CHALLENGE, r.nt(), r.lm(), 0)));
        user("dave", b -> b.flag(AccountFlag.DISABLED, true));
        fails(NtStatus.LOGON_FAILURE, NtStatus.WRONG_PASSWORD,
                () -> network(trusted, v2Logon(TestRealm.DOMAIN, "dave", "wrong", 0)));
        fails(NtStatus.ACCOUNT_RESTRICTION, NtStatus.ACCOUNT_DISABLED,
                () -> network(trusted, v2Logon(TestRealm.DOMAIN, "dave", PASSWORD, 0)));
    }

    @Test
    void lockoutIsSharedWithInteractiveLogons() throws Exception {
        store.setPolicy(store.domain().policy().withLockout(3, Optional.of(Duration.ofMinutes(30)),
                Duration.ofMinutes(30)));
        user("lou");
        fails(NtStatus.LOGON_FAILURE, NtStatus.WRONG_PASSWORD,
                () -> logon(trusted, SecurityLogonType.INTERACTIVE, "lou", "bad"));
        fails(NtStatus.LOGON_FAILURE, NtStatus.WRONG_PASSWORD,
                () -> network(trusted, v2Logon(TestRealm.DOMAIN, "lou", "bad", 0)));
        fails(NtStatus.LOGON_FAILURE, NtStatus.WRONG_PASSWORD,
                () -> network(trusted, v2Logon(TestRealm.DOMAIN, "lou", "bad", 0)));
        fails(NtStatus.ACCOUNT_RESTRICTION, NtStatus.ACCOUNT_LOCKED_OUT,
                () -> network(trusted, v2Logon(TestRealm.DOMAIN, "lou", PASSWORD, 0)));
        fails(NtStatus.ACCOUNT_RESTRICTION, NtStatus.ACCOUNT_LOCKED_OUT,
                () -> logon(trusted, SecurityLogonType.INTERACTIVE, "lou", PASSWORD));
        assertEquals(3, store.findUser("lou").orElseThrow().logonState().badPasswordCount());
    }

    @Test
    void logonStatisticsChangeOnlyWhenAsked() throws Exception {
        user("stan");
        UserAccount before = store.findUser("stan").orElseThrow();
        trusted.closeHandle(network(trusted, v2Logon(TestRealm.DOMAIN, "stan", PASSWORD, 0)).token());
        assertEquals(before.logonState().logonCount(), store.findUser("stan").orElseThrow().logonState().logonCount());
        trusted.closeHandle(network(trusted, v2Logon(TestRealm.DOMAIN, "stan", PASSWORD,
                Msv1_0ParameterControl.UPDATE_LOGON_STATISTICS)).token());
        assertEquals(before.logonState().logonCount() + 1,
                store.findUser("stan").orElseThrow().logonState().logonCount());
    }

    @Test
    void profilePathAndPasswordExpiryOnRequest() throws Exception {
        user("pat", b -> b.profilePath("\\\\srv\\profiles\\pat"));
        Msv1_0Lm20LogonProfile plain = profile(network(trusted, v2Logon(TestRealm.DOMAIN, "pat", PASSWORD, 0)));
        assertEquals("", plain.userParameters());
        assertEquals(NtTime.NEVER, plain.logoffTime());
        Msv1_0Lm20LogonProfile asked = profile(network(trusted, v2Logon(TestRealm.DOMAIN, "pat", PASSWORD,
                Msv1_0ParameterControl.RETURN_PROFILE_PATH | Msv1_0ParameterControl.RETURN_PASSWORD_EXPIRY)));
        assertEquals("\\\\srv\\profiles\\pat", asked.userParameters());
        assertTrue((asked.userFlags() & Msv1_0UserFlags.PROFILE_PATH_RETURNED) != 0);
        // The default policy expires passwords after 42 days.
        assertEquals(NtTime.fromInstant(clock.instant().plus(Duration.ofDays(42))), asked.logoffTime());
    }

    @Test
    void trustAccountsNeedTheirParameterControlFlag() throws Exception {
        user("WKS1$", b -> b.flag(AccountFlag.WORKSTATION_TRUST_ACCOUNT, true));
        fails(NtStatus.NOLOGON_WORKSTATION_TRUST_ACCOUNT, NtStatus.SUCCESS,
                () -> network(trusted, v2Logon(TestRealm.DOMAIN, "WKS1$", PASSWORD, 0)));
        network(trusted, v2Logon(TestRealm.DOMAIN, "WKS1$", PASSWORD,
                Msv1_0ParameterControl.ALLOW_WORKSTATION_TRUST_ACCOUNT));
        user("DC1$", b -> b.flag(AccountFlag.SERVER_TRUST_ACCOUNT, true));
        fails(NtStatus.NOLOGON_SERVER_TRUST_ACCOUNT, NtStatus.SUCCESS,
                () -> network(trusted, v2Logon(TestRealm.DOMAIN, "DC1$", PASSWORD,
                        Msv1_0ParameterControl.ALLOW_WORKSTATION_TRUST_ACCOUNT)));
        network(trusted, v2Logon(TestRealm.DOMAIN, "DC1$", PASSWORD, Msv1_0ParameterControl.ALLOW_SERVER_TRUST_ACCOUNT));
    }

    @Test
    void guestFallbackOnlyWhenGuestIsEnabledAndAllowed() throws Exception {
        fails(NtStatus.LOGON_FAILURE, NtStatus.NO_SUCH_USER,
                () -> network(trusted, v2Logon(TestRealm.DOMAIN, "stranger", "", 0)));
        store.updateUser(UserAccount.RID_GUEST, g -> g.toBuilder().flag(AccountFlag.DISABLED, false)
                .flag(AccountFlag.PASSWORD_NOT_REQUIRED, true).build());
        // Guests are denied network logons by default (as on Windows); an administrator who enables the guest
        // fallback lifts that too.
        fails(NtStatus.LOGON_TYPE_NOT_GRANTED, NtStatus.SUCCESS,
                () -> network(trusted, v2Logon(TestRealm.DOMAIN, "stranger", "", 0)));
        store.revokeRight(WellKnownSids.BUILTIN_GUESTS,
                org.openlsa.sam.AccountRight.of(org.openlsa.core.LogonRight.SE_DENY_NETWORK_LOGON));
        // Guest has no password: a response computed from the empty one logs the stranger on as Guest.
        LogonResult r = network(trusted, v2Logon(TestRealm.DOMAIN, "stranger", "", 0));
        AccessToken t = trusted.queryToken(r.token());
        assertEquals(store.domain().sid().append(UserAccount.RID_GUEST), t.user().sid());
        assertTrue((profile(r).userFlags() & Msv1_0UserFlags.GUEST) != 0);
        assertFalse(groupSids(t).contains(WellKnownSids.AUTHENTICATED_USERS));
        fails(NtStatus.LOGON_FAILURE, NtStatus.NO_SUCH_USER, () -> network(trusted,
                v2Logon(TestRealm.DOMAIN, "stranger", "", Msv1_0ParameterControl.DONT_TRY_GUEST_ACCOUNT)));
    }

    @Test
    void ntlmDisabledBlocksEveryResponse() throws Exception {
        user("blocky");
        setNtlm(NtlmPolicy.DEFAULT.withLevel(NtlmPolicy.Level.DISABLED));
        fails(NtStatus.NTLM_BLOCKED, NtStatus.SUCCESS,
                () -> network(trusted, v2Logon(TestRealm.DOMAIN, "blocky", PASSWORD, 0)));
    }

    @Test
    void lm20ChallengeRequestGivesFreshChallengesToTrustedCallersOnly() throws Exception {
        CallPackageResult a = trusted.callAuthenticationPackage(pkg, Msv1_0Lm20ChallengeResponse.request());
        CallPackageResult b = trusted.callAuthenticationPackage(pkg, Msv1_0Lm20ChallengeResponse.request());
        assertEquals(NtStatus.SUCCESS, a.protocolStatus());
        byte[] ca = Msv1_0Lm20ChallengeResponse.decode(a.returnBuffer().bytes()).challengeToClient();
        byte[] cb = Msv1_0Lm20ChallengeResponse.decode(b.returnBuffer().bytes()).challengeToClient();
        assertFalse(Arrays.equals(ca, cb), "two challenges must differ");
        user("chuck");
        try (LsaConnection untrusted = untrustedAs("chuck")) {
            fails(NtStatus.ACCESS_DENIED, NtStatus.SUCCESS,
                    () -> untrusted.callAuthenticationPackage(pkg, Msv1_0Lm20ChallengeResponse.request()));
        }
    }

    @Test
    void lm20StructuresOnlyServeNetworkLogonsAndMalformedOnesAreInvalid() throws Exception {
        user("mal");
        byte[] buffer = Msv1_0Lm20LogonCodec.encode(v2Logon(TestRealm.DOMAIN, "mal", PASSWORD, 0));
        fails(NtStatus.BAD_VALIDATION_CLASS, NtStatus.SUCCESS,
                () -> trusted.logonUser(request(SecurityLogonType.INTERACTIVE, buffer)));
        fails(NtStatus.INVALID_PARAMETER, NtStatus.SUCCESS,
                () -> trusted.logonUser(request(SecurityLogonType.NETWORK, Arrays.copyOf(buffer, 100))));
        byte[] outside = buffer.clone();
        outside[64] = (byte) 0xFF;   // NT response Length 255 > MaximumLength
        outside[66] = (byte) 0xFF;
        fails(NtStatus.INVALID_PARAMETER, NtStatus.SUCCESS,
                () -> trusted.logonUser(request(SecurityLogonType.NETWORK, outside)));
    }

    @Test
    void subauthenticationIsForTrustedCallersAndConfiguredPackages() throws Exception {
        user("sue");
        NtlmResponses.V2 r = NtlmResponses.ntlmV2("sue", TestRealm.DOMAIN, PASSWORD, CHALLENGE);
        Msv1_0Lm20Logon subAuth = new Msv1_0Lm20Logon(Msv1_0SubmitType.SUBAUTH_LOGON, TestRealm.DOMAIN, "sue",
                WORKSTATION, CHALLENGE, r.nt(), r.lm(), 0, 9);
        fails(NtStatus.NO_SUCH_PACKAGE, NtStatus.SUCCESS, () -> network(trusted, subAuth));
        try (LsaConnection untrusted = untrustedAs("sue")) {
            fails(NtStatus.PRIVILEGE_NOT_HELD, NtStatus.SUCCESS, () -> network(untrusted, subAuth));
        }
    }

    /**
     * The shipped logon-window package, configured through the state directory (as an administrator would): the
     * test clock reads Wednesday 10:00 UTC.
     */
    @Test
    void logonWindowSubAuthenticationPackage() throws Exception {
        Path dir = Files.createDirectories(StateLayout.of(stateDir).subauthDirectory());
        Files.writeString(dir.resolve("office.properties"), "type = logon-window\nid = 7\nstart = 09:00\n"
                + "end = 17:00\ndays = MON,TUE,WED,THU,FRI\nzone = UTC\n");
        Files.writeString(dir.resolve("night.properties"), "type = logon-window\nid = 8\nstart = 22:00\nend = 06:00\n");
        restart(ConnectionLimits.DEFAULT);
        user("otto");
        NtlmResponses.V2 good = NtlmResponses.ntlmV2("otto", TestRealm.DOMAIN, PASSWORD, CHALLENGE);
        LogonResult inside = network(trusted, new Msv1_0Lm20Logon(Msv1_0SubmitType.SUBAUTH_LOGON, TestRealm.DOMAIN,
                "otto", WORKSTATION, CHALLENGE, good.nt(), good.lm(), 0, 7));
        assertEquals(NtTime.fromInstant(java.time.Instant.parse("2026-11-18T17:00:00Z")), profile(inside).kickOffTime());
        // The top byte of ParameterControl selects the package for an ordinary network logon too.
        fails(NtStatus.ACCOUNT_RESTRICTION, NtStatus.INVALID_LOGON_HOURS, () -> network(trusted,
                v2Logon(TestRealm.DOMAIN, "otto", PASSWORD, 8 << Msv1_0ParameterControl.SUBAUTHENTICATION_DLL_SHIFT)));
        fails(NtStatus.LOGON_FAILURE, NtStatus.WRONG_PASSWORD, () -> network(trusted, new Msv1_0Lm20Logon(
                Msv1_0SubmitType.SUBAUTH_LOGON, TestRealm.DOMAIN, "otto", WORKSTATION, CHALLENGE,
                NtlmResponses.ntlmV2("otto", TestRealm.DOMAIN, "bad", CHALLENGE).nt(), new byte[0], 0, 7)));
        clock.advance(Duration.ofHours(8));   // 18:00: outside the office window
        fails(NtStatus.ACCOUNT_RESTRICTION, NtStatus.INVALID_LOGON_HOURS, () -> network(trusted, new Msv1_0Lm20Logon(
                Msv1_0SubmitType.SUBAUTH_LOGON, TestRealm.DOMAIN, "otto", WORKSTATION, CHALLENGE, good.nt(),
                good.lm(), 0, 7)));
    }
}
