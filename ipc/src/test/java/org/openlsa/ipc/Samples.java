package org.openlsa.ipc;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openlsa.core.AccessMask;
import org.openlsa.core.AccessToken;
import org.openlsa.core.Ace;
import org.openlsa.core.AceType;
import org.openlsa.core.Acl;
import org.openlsa.core.GroupAttributes;
import org.openlsa.core.ImpersonationLevel;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.core.NtTime;
import org.openlsa.core.Privilege;
import org.openlsa.core.PrivilegeAndAttributes;
import org.openlsa.core.PrivilegeAttributes;
import org.openlsa.core.QuotaLimits;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.core.Sid;
import org.openlsa.core.SidAndAttributes;
import org.openlsa.core.TokenSource;
import org.openlsa.core.TokenType;
import org.openlsa.core.WellKnownSids;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.engine.CallPackageResult;
import org.openlsa.engine.LogonRequest;
import org.openlsa.engine.LogonResult;
import org.openlsa.engine.LogonSessionData;
import org.openlsa.engine.LookupNamesResult;
import org.openlsa.engine.LookupSidsResult;
import org.openlsa.engine.ReferencedDomain;
import org.openlsa.engine.SidNameUse;
import org.openlsa.engine.TranslatedName;
import org.openlsa.engine.TranslatedSid;
import org.openlsa.engine.ReturnBuffer;
import org.openlsa.engine.TokenHandle;
import org.openlsa.engine.TokenInformation;
import org.openlsa.engine.TokenInformationClass;
import org.openlsa.idmap.IdKind;
import org.openlsa.idmap.IdMapReport;
import org.openlsa.idmap.IdMapResult;
import org.openlsa.idmap.IdMapping;
import org.openlsa.idmap.IdQuery;
import org.openlsa.idmap.IdRanges;
import org.openlsa.idmap.IdRefusal;
import org.openlsa.idmap.IdSource;
import org.openlsa.ipc.Protocol.Opcode;

/** Realistic values of every request and response, shared by the tests and the seed generator. */
final class Samples {
    private Samples() {}

    static final Sid DOMAIN = Sid.parse("S-1-5-21-3623811015-3361044348-30300820");
    static final Sid ALICE = DOMAIN.append(1001);
    static final Sid NONE_GROUP = DOMAIN.append(513);
    static final Sid LOGON_SID = Sid.parse("S-1-5-5-0-421337");
    static final TokenSource ADVAPI = new TokenSource("Advapi", new Luid(0x1F2E3D));

    static Acl dacl() {
        return Acl.of(Ace.allow(AccessMask.GENERIC_ALL, ALICE), Ace.allow(AccessMask.GENERIC_ALL, WellKnownSids.LOCAL_SYSTEM),
                new Ace(AceType.ACCESS_DENIED, 0x02, AccessMask.GENERIC_WRITE, WellKnownSids.NETWORK),
                Ace.allow(AccessMask.GENERIC_READ | AccessMask.GENERIC_EXECUTE, LOGON_SID));
    }

    static List<SidAndAttributes> groups() {
        return List.of(new SidAndAttributes(NONE_GROUP, GroupAttributes.DEFAULT),
                new SidAndAttributes(WellKnownSids.WORLD, GroupAttributes.DEFAULT),
                new SidAndAttributes(WellKnownSids.BUILTIN_ADMINISTRATORS, GroupAttributes.USE_FOR_DENY_ONLY),
                new SidAndAttributes(WellKnownSids.INTERACTIVE, GroupAttributes.DEFAULT),
                new SidAndAttributes(WellKnownSids.AUTHENTICATED_USERS, GroupAttributes.DEFAULT),
                new SidAndAttributes(LOGON_SID, GroupAttributes.LOGON_SID),
                new SidAndAttributes(WellKnownSids.LOCAL, GroupAttributes.DEFAULT));
    }

    static List<PrivilegeAndAttributes> privileges() {
        return List.of(new PrivilegeAndAttributes(Privilege.SE_CHANGE_NOTIFY,
                        PrivilegeAttributes.ENABLED | PrivilegeAttributes.ENABLED_BY_DEFAULT),
                new PrivilegeAndAttributes(Privilege.SE_SHUTDOWN, 0),
                new PrivilegeAndAttributes(Privilege.SE_DELEGATE_SESSION_USER_IMPERSONATE, 0),
                new PrivilegeAndAttributes(Privilege.SE_CREATE_TOKEN, PrivilegeAttributes.REMOVED));
    }

    static AccessToken primaryToken() {
        return AccessToken.builder().tokenId(new Luid(0x7A3B1)).authenticationId(new Luid(0x6D2C0))
                .type(TokenType.PRIMARY).user(ALICE).groups(groups()).privileges(privileges()).owner(ALICE)
                .primaryGroup(NONE_GROUP).defaultDacl(dacl()).source(ADVAPI)
                .expirationTime(NtTime.NEVER).modifiedId(new Luid(0x7A3B2)).build();
    }

    static AccessToken impersonationToken() {
        return primaryToken().toBuilder().tokenId(new Luid(0x7A400)).type(TokenType.IMPERSONATION)
                .impersonationLevel(ImpersonationLevel.IMPERSONATION).defaultDacl(null)
                .expirationTime(NtTime.fromInstant(Instant.parse("2027-01-01T00:00:00Z"))).build();
    }

    static byte[] interactiveLogonBytes() {
        // Not a real MSV1_0_INTERACTIVE_LOGON: the IPC layer carries it opaquely.
        return "\u0002\u0000\u0000\u0000alice:Pa55w0rd!".getBytes(StandardCharsets.UTF_8);
    }

    static LogonRequest logonRequest(boolean withGroups) {
        return new LogonRequest("login", SecurityLogonType.INTERACTIVE, 0, interactiveLogonBytes(),
                withGroups ? Optional.of(List.of(new SidAndAttributes(WellKnownSids.CONSOLE_LOGON, GroupAttributes.DEFAULT)))
                        : Optional.empty(), ADVAPI);
    }

    /** One request per opcode (two shapes for some). */
    static List<Request> requests() {
        return List.of(
                new Request.RegisterLogonProcess("sshd-logon"),
                new Request.ConnectUntrusted(),
                new Request.LookupAuthenticationPackage("MICROSOFT_AUTHENTICATION_PACKAGE_V1_0"),
                new Request.LogonUser(logonRequest(true)),
                new Request.LogonUser(logonRequest(false)),
                new Request.LogonUserWithPassword("alice", "WORKSTATION",
                        SecretBytes.copyOf("Pässw0rd".getBytes(StandardCharsets.UTF_16LE)), 2, 0),
                new Request.CallPackage(0, new byte[] {2, 0, 0, 0, 1, 2, 3, 4}),
                new Request.FreeReturnBuffer(0x1234_5678_9ABCL),
                new Request.EnumerateLogonSessions(),
                new Request.EnumerateLogonSessionsPaged(new org.openlsa.core.Luid(0x3e7), 125),
                new Request.GetLogonSessionData(new Luid(0x6D2C0)),
                new Request.GetTokenInformation(new TokenHandle(0x104), TokenInformationClass.TOKEN_LOGON_SID),
                new Request.QueryToken(new TokenHandle(0x104)),
                new Request.DuplicateToken(new TokenHandle(0x104), AccessMask.MAXIMUM_ALLOWED,
                        ImpersonationLevel.DELEGATION, TokenType.IMPERSONATION),
                new Request.DuplicateToken(new TokenHandle(-1L), 0, null, TokenType.PRIMARY),
                new Request.CloseHandle(new TokenHandle(0x108)),
                new Request.Whoami(),
                new Request.LookupSids(List.of(ALICE, WellKnownSids.WORLD, LOGON_SID, DOMAIN.append(4242))),
                new Request.LookupSids(List.of()),
                new Request.LookupNames(List.of("CONTOSO\\alice", "Everyone", "BUILTIN\\Users", "nobody", "")),
                new Request.MapIds(idQueries()),
                new Request.MapIds(List.of()),
                new Request.RegisterLogonProcess("ünïcødé 🔐"),
                new Request.CreateProcessAsUser(new TokenHandle(0x104), processSpec(), 0b111),
                new Request.CreateProcessAsUser(new TokenHandle(0x108), bareSpec(), 0),
                new Request.CreateProcessWithLogon("alice", "WORKSTATION",
                        SecretBytes.copyOf("Pässw0rd".getBytes(StandardCharsets.UTF_16LE)), "Negotiate",
                        SecurityLogonType.INTERACTIVE.value(), processSpec(), 0b101),
                new Request.WaitProcess(7, 10_000),
                new Request.WaitProcess(-1, 0),
                new Request.SignalProcess(7, 15),
                new Request.CloseProcess(7),
                new Request.QueryUserToken(new Luid(0x3e7)));
    }

    /** A spec with every wire field set; its streams are /dev/null, as a decoded spec's are. */
    static org.openlsa.launch.ProcessSpec processSpec() {
        return org.openlsa.launch.ProcessSpec.of(java.nio.file.Path.of("/bin/sh"))
                .arguments("-c", "read x; echo out:$x; echo err:$x >&2", "")
                .environment("LANG", "C.UTF-8").environment("EMPTY", "")
                .workingDirectory(java.nio.file.Path.of("/tmp"))
                .stdin(org.openlsa.launch.Stdio.NULL).stdout(org.openlsa.launch.Stdio.NULL)
                .stderr(org.openlsa.launch.Stdio.NULL).build();
    }

    /** A program alone: no arguments, no environment, the account's home. */
    static org.openlsa.launch.ProcessSpec bareSpec() {
        return org.openlsa.launch.ProcessSpec.of(java.nio.file.Path.of("/usr/bin/id"))
                .stdin(org.openlsa.launch.Stdio.NULL).stdout(org.openlsa.launch.Stdio.NULL)
                .stderr(org.openlsa.launch.Stdio.NULL).build();
    }

    /** One question of each kind, at the ends of the id space. */
    static List<IdQuery> idQueries() {
        return List.of(new IdQuery.OfSid(ALICE, IdKind.USER), new IdQuery.OfSid(WellKnownSids.BUILTIN_USERS, IdKind.GROUP),
                new IdQuery.OfId(0, IdKind.USER), new IdQuery.OfId(4294967294L, IdKind.GROUP));
    }

    /** A report with every outcome: mapped with and without a name, and each refusal. */
    static IdMapReport idMapReport() {
        List<IdMapResult> results = new java.util.ArrayList<>();
        results.add(new IdMapResult.Mapped(new IdMapping(ALICE, IdKind.USER, 401001, IdSource.ALGORITHMIC,
                Optional.of("CONTOSO\\alice"))));
        results.add(new IdMapResult.Mapped(new IdMapping(WellKnownSids.LOCAL_SYSTEM, IdKind.GROUP, 0,
                IdSource.WELL_KNOWN, Optional.empty())));
        results.add(new IdMapResult.Mapped(new IdMapping(DOMAIN.append(1002), IdKind.USER, 4294967294L,
                IdSource.LINKED, Optional.of("CONTOSO\\bob"))));
        results.add(new IdMapResult.Mapped(new IdMapping(Sid.parse("S-1-22-2-100"), IdKind.GROUP, 100,
                IdSource.UNIX_SID, Optional.of("users"))));
        for (IdRefusal r : IdRefusal.values()) {
            results.add(new IdMapResult.Refused(r, r == IdRefusal.NOT_MAPPED ? "" : "refused: " + r));
        }
        return new IdMapReport(new IdRanges(100000, 1099999, 100000), true, DOMAIN, "CONTOSO", results);
    }

    static LogonSessionData sessionData(boolean allTimes) {
        Optional<Instant> t = Optional.of(Instant.parse("2026-11-21T10:15:30.1234567Z"));
        Optional<Instant> none = Optional.empty();
        return new LogonSessionData(new Luid(0x6D2C0), "alice", "WORKSTATION", "MICROSOFT_AUTHENTICATION_PACKAGE_V1_0",
                SecurityLogonType.INTERACTIVE, 1, ALICE, Instant.parse("2026-11-21T09:00:00Z"), "WORKSTATION", "",
                "alice@example.org", 0x20, "logon.cmd", "C:\\Users\\alice", "\\\\srv\\home\\alice", "H:",
                allTimes ? t : none, none, Optional.of(Instant.parse("2026-01-02T03:04:05Z")),
                Optional.of(Instant.parse("2026-01-03T03:04:05Z")), allTimes ? t : none, t, 2);
    }

    static List<TokenInformation> tokenInformation() {
        AccessToken t = primaryToken();
        return List.of(new TokenInformation.User(t.user()), new TokenInformation.Groups(t.groups()),
                new TokenInformation.Privileges(t.privileges()), new TokenInformation.Owner(t.owner()),
                new TokenInformation.PrimaryGroup(t.primaryGroup()), new TokenInformation.DefaultDacl(t.defaultDacl()),
                new TokenInformation.DefaultDacl(Optional.empty()), new TokenInformation.Source(t.source()),
                new TokenInformation.Type(TokenType.PRIMARY), new TokenInformation.Type(TokenType.IMPERSONATION),
                new TokenInformation.Level(ImpersonationLevel.IDENTIFICATION),
                new TokenInformation.Statistics(t.statistics()),
                new TokenInformation.Statistics(impersonationToken().statistics()),
                new TokenInformation.LogonSid(List.of(t.logonSid().orElseThrow())),
                new TokenInformation.LogonSid(List.of()));
    }

    /** CONTOSO\\alice, Everyone, a logon SID and an unknown SID: SOME_NOT_MAPPED. */
    static LookupSidsResult lookupSids() {
        return new LookupSidsResult(List.of(new ReferencedDomain("CONTOSO", DOMAIN),
                new ReferencedDomain(WellKnownSids.NT_AUTHORITY, WellKnownSids.NT_AUTHORITY_SID)), List.of(
                new TranslatedName(SidNameUse.USER, "alice", 0),
                new TranslatedName(SidNameUse.WELL_KNOWN_GROUP, "Everyone", -1),
                new TranslatedName(SidNameUse.LOGON_SESSION, "LogonSessionId_0_421337", 1),
                new TranslatedName(SidNameUse.UNKNOWN, DOMAIN.append(4242).toString(), -1)));
    }

    static LookupNamesResult lookupNames() {
        return new LookupNamesResult(List.of(new ReferencedDomain("CONTOSO", DOMAIN),
                new ReferencedDomain(WellKnownSids.BUILTIN_DOMAIN, WellKnownSids.BUILTIN)), List.of(
                new TranslatedSid(SidNameUse.USER, Optional.of(ALICE), 0),
                new TranslatedSid(SidNameUse.WELL_KNOWN_GROUP, Optional.of(WellKnownSids.WORLD), -1),
                new TranslatedSid(SidNameUse.ALIAS, Optional.of(WellKnownSids.BUILTIN_USERS), 1),
                TranslatedSid.NOT_MAPPED, TranslatedSid.NOT_MAPPED));
    }

    /** (opcode, response) pairs: every success body and a failure. */
    static List<Map.Entry<Opcode, Response>> responses() {
        List<Map.Entry<Opcode, Response>> out = new java.util.ArrayList<>();
        out.add(Map.entry(Opcode.REGISTER_LOGON_PROCESS, new Response.Empty()));
        out.add(Map.entry(Opcode.CONNECT_UNTRUSTED, new Response.Empty()));
        out.add(Map.entry(Opcode.LOOKUP_AUTHENTICATION_PACKAGE, new Response.PackageId(1)));
        out.add(Map.entry(Opcode.LOGON_USER, new Response.Logon(new LogonResult(
                new ReturnBuffer(0x10, new byte[] {2, 0, 0, 0, 9, 8, 7}), new Luid(0x6D2C0), new TokenHandle(0x104),
                Optional.of(QuotaLimits.WINDOWS_DEFAULT), NtStatus.SUCCESS))));
        out.add(Map.entry(Opcode.LOGON_USER, new Response.Logon(new LogonResult(new ReturnBuffer(0x11, new byte[0]),
                new Luid(0x6D2C1), new TokenHandle(0x108), Optional.empty(), NtStatus.SUCCESS))));
        out.add(Map.entry(Opcode.LOGON_USER_WITH_PASSWORD, new Response.Handle(new TokenHandle(0x10C))));
        out.add(Map.entry(Opcode.CALL_AUTHENTICATION_PACKAGE, new Response.CallPackage(new CallPackageResult(
                new ReturnBuffer(0x12, new byte[] {1, 2, 3}), NtStatus.WRONG_PASSWORD))));
        out.add(Map.entry(Opcode.FREE_RETURN_BUFFER, new Response.Empty()));
        out.add(Map.entry(Opcode.ENUMERATE_LOGON_SESSIONS, new Response.Sessions(
                List.of(Luid.SYSTEM, Luid.LOCAL_SERVICE, new Luid(0x6D2C0)))));
        out.add(Map.entry(Opcode.ENUMERATE_LOGON_SESSIONS, new Response.Sessions(List.of())));
        out.add(Map.entry(Opcode.ENUMERATE_LOGON_SESSIONS, new Response.Sessions(
                List.of(new org.openlsa.core.Luid(0x3e4)), true)));
        out.add(Map.entry(Opcode.ENUMERATE_LOGON_SESSIONS_PAGED, new Response.SessionPage(
                new org.openlsa.engine.LogonSessionPage(List.of(new org.openlsa.core.Luid(0x3e4),
                        new org.openlsa.core.Luid(0xFFFFFFFFFFFFFFF0L)), true))));
        out.add(Map.entry(Opcode.ENUMERATE_LOGON_SESSIONS_PAGED, new Response.SessionPage(
                new org.openlsa.engine.LogonSessionPage(List.of(), false))));
        out.add(Map.entry(Opcode.GET_LOGON_SESSION_DATA, new Response.SessionData(sessionData(true))));
        out.add(Map.entry(Opcode.GET_LOGON_SESSION_DATA, new Response.SessionData(sessionData(false))));
        for (TokenInformation info : tokenInformation()) {
            out.add(Map.entry(Opcode.GET_TOKEN_INFORMATION, new Response.TokenInfo(info)));
        }
        out.add(Map.entry(Opcode.QUERY_TOKEN, new Response.Token(primaryToken())));
        out.add(Map.entry(Opcode.DUPLICATE_TOKEN, new Response.Handle(new TokenHandle(0x110))));
        out.add(Map.entry(Opcode.CLOSE_HANDLE, new Response.Empty()));
        out.add(Map.entry(Opcode.WHOAMI, new Response.Token(impersonationToken())));
        out.add(Map.entry(Opcode.CREATE_PROCESS_AS_USER, new Response.ProcessCreated(7, 4242)));
        out.add(Map.entry(Opcode.CREATE_PROCESS_WITH_LOGON, new Response.ProcessCreated(-1, Integer.MAX_VALUE)));
        out.add(Map.entry(Opcode.WAIT_PROCESS, new Response.ProcessState(Response.ProcessState.RUNNING, 0)));
        out.add(Map.entry(Opcode.WAIT_PROCESS, new Response.ProcessState(Response.ProcessState.EXITED, 255)));
        out.add(Map.entry(Opcode.WAIT_PROCESS, new Response.ProcessState(Response.ProcessState.SIGNALED, 9)));
        out.add(Map.entry(Opcode.SIGNAL_PROCESS, new Response.Empty()));
        out.add(Map.entry(Opcode.CLOSE_PROCESS, new Response.Empty()));
        out.add(Map.entry(Opcode.QUERY_USER_TOKEN, new Response.Handle(new TokenHandle(0x10c))));
        out.add(Map.entry(Opcode.LOOKUP_SIDS, new Response.SidsLookedUp(lookupSids())));
        out.add(Map.entry(Opcode.LOOKUP_SIDS, new Response.SidsLookedUp(new LookupSidsResult(List.of(), List.of()))));
        out.add(Map.entry(Opcode.LOOKUP_NAMES, new Response.NamesLookedUp(lookupNames())));
        out.add(Map.entry(Opcode.MAP_IDS, new Response.IdsMapped(idMapReport())));
        out.add(Map.entry(Opcode.MAP_IDS, new Response.IdsMapped(new IdMapReport(IdRanges.defaults(), false, DOMAIN,
                "", List.of()))));
        out.add(Map.entry(Opcode.MAP_IDS, new Response.Failure(NtStatus.UNSUCCESSFUL, NtStatus.SUCCESS,
                "the daemon's idmap ranges are unusable")));
        out.add(Map.entry(Opcode.LOOKUP_SIDS, new Response.Failure(NtStatus.ACCESS_DENIED, NtStatus.SUCCESS,
                "an anonymous caller may not translate SIDs and names")));
        out.add(Map.entry(Opcode.LOGON_USER, new Response.Failure(NtStatus.ACCOUNT_RESTRICTION,
                NtStatus.ACCOUNT_DISABLED, "account restriction: disabled")));
        out.add(Map.entry(Opcode.QUERY_TOKEN, new Response.Failure(NtStatus.INVALID_HANDLE, NtStatus.SUCCESS, "")));
        return out;
    }
}
