package org.openlsa.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.openlsa.engine.EngineTest.INTERACTIVE_RIGHTS;
import static org.openlsa.engine.EngineTest.request;
import static org.openlsa.engine.EngineTest.store;

import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openlsa.core.AccessToken;
import org.openlsa.core.ImpersonationLevel;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.core.TokenType;
import org.openlsa.core.WellKnownSids;

/**
 * WTSQueryUserToken for a logon session (docs/lsa-behaviour.md, "The token of a logon session"): SeTcbPrivilege only;
 * a primary token of the session, holding it like any handle.
 */
class QueryUserTokenTest {
    private final EngineTest.ScriptedPackage pkg = new EngineTest.ScriptedPackage();

    private LsaEngine engine() throws LsaException {
        return LsaEngine.builder(store(INTERACTIVE_RIGHTS, Set.of())).addPackage(pkg).random(new Random(12)).build();
    }

    @Test
    void aTcbCallerGetsAPrimaryTokenOfTheSessionWhichHoldsTheSession() throws Exception {
        try (LsaEngine lsa = engine();
             LsaConnection service = lsa.registerLogonProcess(lsa.systemToken(), "svc")) {
            int before = lsa.sessionCount();
            pkg.level = ImpersonationLevel.IMPERSONATION;
            LogonResult logon = service.logonUser(request("ok:x", Optional.empty()));
            AccessToken made = service.queryToken(logon.token());
            TokenHandle h = service.queryUserToken(logon.logonId());
            AccessToken t = service.queryToken(h);
            assertEquals(TokenType.PRIMARY, t.type());
            assertEquals(made.user(), t.user());
            assertEquals(made.groups(), t.groups());
            assertEquals(logon.logonId(), t.authenticationId());
            assertNotEquals(made.tokenId(), t.tokenId(), "a new token object");
            service.closeHandle(logon.token());
            assertEquals(before + 1, lsa.sessionCount(), "the queried handle holds the session");
            service.closeHandle(h);
            assertEquals(before, lsa.sessionCount());
            assertEquals(WellKnownSids.LOCAL_SYSTEM,
                    service.queryToken(service.queryUserToken(Luid.SYSTEM)).user().sid(), "LocalSystem's own session");
        }
    }

    @Test
    void withoutSeTcbPrivilegeItIsPrivilegeNotHeldEvenForTheCallersOwnLogon() throws Exception {
        try (LsaEngine lsa = engine();
             LsaConnection c = lsa.connectUntrusted(lsa.tokenForUnixCaller(4000, 4000))) {
            LogonResult logon = c.logonUser(request("ok:x", Optional.empty()));
            assertEquals(NtStatus.PRIVILEGE_NOT_HELD,
                    assertThrows(LsaException.class, () -> c.queryUserToken(logon.logonId())).status());
        }
    }

    @Test
    void anUnknownSessionAndAReservedSessionWithoutALogonAreRefused() throws Exception {
        try (LsaEngine lsa = engine();
             LsaConnection service = lsa.registerLogonProcess(lsa.systemToken(), "svc")) {
            int before = lsa.sessionCount();
            assertEquals(NtStatus.NO_SUCH_LOGON_SESSION,
                    assertThrows(LsaException.class, () -> service.queryUserToken(new Luid(0x12345678L))).status());
            assertEquals(NtStatus.NO_TOKEN,
                    assertThrows(LsaException.class, () -> service.queryUserToken(new Luid(0x3e5))).status());
            assertEquals(before, lsa.sessionCount());
            org.junit.jupiter.api.Assertions.assertFalse(service.holdsObjects());
        }
    }

    @Test
    void anIdentificationLevelLogonGivesNoPrimaryToken() throws Exception {
        Set<org.openlsa.sam.AccountRight> rights = new java.util.HashSet<>(INTERACTIVE_RIGHTS);
        rights.add(org.openlsa.sam.AccountRight.of(org.openlsa.core.LogonRight.SE_NETWORK_LOGON));
        try (LsaEngine lsa = LsaEngine.builder(store(rights, Set.of())).addPackage(pkg).random(new Random(13)).build();
             LsaConnection service = lsa.registerLogonProcess(lsa.systemToken(), "svc")) {
            pkg.level = ImpersonationLevel.IDENTIFICATION;
            LogonResult logon = service.logonUser(new LogonRequest("t", org.openlsa.core.SecurityLogonType.NETWORK, 0,
                    "ok:x".getBytes(java.nio.charset.StandardCharsets.UTF_8), Optional.empty(),
                    new org.openlsa.core.TokenSource("Test", new Luid(5))));
            assertEquals(Optional.of(ImpersonationLevel.IDENTIFICATION),
                    service.queryToken(logon.token()).impersonationLevel());
            assertEquals(NtStatus.BAD_IMPERSONATION_LEVEL,
                    assertThrows(LsaException.class, () -> service.queryUserToken(logon.logonId())).status());
        }
    }
}
