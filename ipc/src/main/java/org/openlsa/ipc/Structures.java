package org.openlsa.ipc;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openlsa.core.AccessToken;
import org.openlsa.core.Acl;
import org.openlsa.core.ImpersonationLevel;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.NtTime;
import org.openlsa.core.Privilege;
import org.openlsa.core.PrivilegeAndAttributes;
import org.openlsa.core.QuotaLimits;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.core.Sid;
import org.openlsa.core.SidAndAttributes;
import org.openlsa.core.TokenSource;
import org.openlsa.core.TokenStatistics;
import org.openlsa.core.TokenType;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.engine.LogonRequest;
import org.openlsa.engine.LogonResult;
import org.openlsa.engine.LookupNamesResult;
import org.openlsa.engine.LookupSidsResult;
import org.openlsa.engine.ReferencedDomain;
import org.openlsa.engine.SidNameUse;
import org.openlsa.engine.TranslatedName;
import org.openlsa.engine.TranslatedSid;
import org.openlsa.engine.LogonSessionData;
import org.openlsa.engine.ReturnBuffer;
import org.openlsa.engine.TokenHandle;
import org.openlsa.engine.TokenInformation;
import org.openlsa.engine.TokenInformationClass;

/** The structures of docs/ipc.md ("Structures"), each as a write/read pair. */
final class Structures {
    private Structures() {}

    /** u32 impersonationLevel meaning "none" (a primary token). */
    static final int NO_LEVEL = 0xFFFFFFFF;
    /** Smallest encodings, for bounding counts: sid 1+8, SidAndAttributes 9+4, privilege 8. */
    static final int MIN_SID_AND_ATTRIBUTES = 1 + BodyReader.MIN_SID_BYTES + 4;
    static final int PRIVILEGE_BYTES = 8;

    // ---- small pieces

    static void writeSidAndAttributes(BodyWriter w, SidAndAttributes sa) {
        w.sid(sa.sid()).u32(sa.attributes());
    }

    static SidAndAttributes readSidAndAttributes(BodyReader r, String field) throws LsaException {
        return new SidAndAttributes(r.sid(field), r.u32());
    }

    static void writeGroups(BodyWriter w, List<SidAndAttributes> groups) {
        w.u32(groups.size());
        groups.forEach(g -> writeSidAndAttributes(w, g));
    }

    static List<SidAndAttributes> readGroups(BodyReader r, String field) throws LsaException {
        int n = r.count(MIN_SID_AND_ATTRIBUTES, field);
        List<SidAndAttributes> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(readSidAndAttributes(r, field + "[" + i + "]"));
        }
        return out;
    }

    static void writePrivileges(BodyWriter w, List<PrivilegeAndAttributes> privileges) {
        w.u32(privileges.size());
        for (PrivilegeAndAttributes p : privileges) {
            w.u32(p.privilege().luid().lowPart()).u32(p.attributes());
        }
    }

    static List<PrivilegeAndAttributes> readPrivileges(BodyReader r) throws LsaException {
        int n = r.count(PRIVILEGE_BYTES, "privileges");
        List<PrivilegeAndAttributes> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long luid = Integer.toUnsignedLong(r.u32());
            Privilege p = Privilege.byLuid(new Luid(luid)).orElseThrow(
                    () -> BodyReader.invalid("privilege LUID " + luid + " is not a known privilege (2..36)"));
            out.add(new PrivilegeAndAttributes(p, r.u32()));
        }
        return out;
    }

    /** TokenSource: 8 bytes of name (ASCII, space-padded), u64 sourceIdentifier. */
    static void writeTokenSource(BodyWriter w, TokenSource s) {
        w.raw(s.nameBytes()).u64(s.sourceIdentifier().value());
    }

    static TokenSource readTokenSource(BodyReader r) throws LsaException {
        byte[] name = r.raw(TokenSource.NAME_LENGTH, "TokenSource name");
        long id = r.u64();
        try {
            return new TokenSource(new String(name, StandardCharsets.ISO_8859_1), new Luid(id));
        } catch (IllegalArgumentException e) {
            throw BodyReader.invalid("TokenSource: " + e.getMessage());
        }
    }

    static void writeAcl(BodyWriter w, Acl acl) {
        w.bytes(acl.toBytes());
    }

    static Acl readAcl(BodyReader r, String field) throws LsaException {
        byte[] b = r.bytes(field);
        try {
            return Acl.fromBytes(b);
        } catch (IllegalArgumentException e) {
            throw BodyReader.invalid(field + ": " + e.getMessage());
        }
    }

    static void writeOptionalAcl(BodyWriter w, Optional<Acl> acl) {
        w.bool(acl.isPresent());
        acl.ifPresent(a -> writeAcl(w, a));
    }

    static Optional<Acl> readOptionalAcl(BodyReader r, String field) throws LsaException {
        return r.bool(field + " present") ? Optional.of(readAcl(r, field)) : Optional.empty();
    }

    static int levelValue(ImpersonationLevel levelOrNull) {
        return levelOrNull == null ? NO_LEVEL : levelOrNull.value();
    }

    /** u32 impersonation level: 0..3, or 0xFFFFFFFF (none) when {@code noneAllowed}. */
    static ImpersonationLevel readLevel(BodyReader r, boolean noneAllowed) throws LsaException {
        int v = r.u32();
        if (v == NO_LEVEL && noneAllowed) {
            return null;
        }
        return ImpersonationLevel.fromValue(v).orElseThrow(() -> BodyReader.invalid(
                "impersonation level " + Integer.toUnsignedString(v) + " is not 0..3"
                        + (noneAllowed ? " or 0xFFFFFFFF" : "")));
    }

    static TokenType readTokenType(BodyReader r) throws LsaException {
        int v = r.u32();
        return switch (v) {
            case 1 -> TokenType.PRIMARY;
            case 2 -> TokenType.IMPERSONATION;
            default -> throw BodyReader.invalid("token type " + Integer.toUnsignedString(v) + " is not 1 or 2");
        };
    }

    static SecurityLogonType readLogonType(BodyReader r) throws LsaException {
        int v = r.u32();
        return SecurityLogonType.fromValue(v).orElseThrow(
                () -> BodyReader.invalid("logon type " + Integer.toUnsignedString(v) + " is not a SECURITY_LOGON_TYPE"));
    }

    static TokenInformationClass readInformationClass(BodyReader r) throws LsaException {
        int v = r.u32();
        for (TokenInformationClass c : TokenInformationClass.values()) {
            if (c.value() == v) {
                return c;
            }
        }
        throw BodyReader.invalid("token information class " + Integer.toUnsignedString(v) + " is not supported");
    }

    // ---- ReturnBuffer, LogonRequest, LogonResult

    static void writeReturnBuffer(BodyWriter w, ReturnBuffer b) {
        w.u64(b.id()).bytes(b.bytes());
    }

    static ReturnBuffer readReturnBuffer(BodyReader r) throws LsaException {
        return new ReturnBuffer(r.u64(), r.bytes("ReturnBuffer contents"));
    }

    static void writeLogonRequest(BodyWriter w, LogonRequest q) {
        w.string(q.originName()).u32(q.logonType().value()).u32(q.authenticationPackage());
        q.authenticationInformation().use(w::bytes); // read in place: it may hold a password
        w.bool(q.localGroups().isPresent());
        q.localGroups().ifPresent(g -> writeGroups(w, g));
        writeTokenSource(w, q.sourceContext());
    }

    static LogonRequest readLogonRequest(BodyReader r) throws LsaException {
        String origin = r.string("originName");
        SecurityLogonType type = readLogonType(r);
        int packageId = r.u32();
        // The structure may hold a password: from the moment it is read it is a secret, which the request adopts.
        SecretBytes info = SecretBytes.adopt(r.bytes("authenticationInformation"));
        try {
            Optional<List<SidAndAttributes>> local = r.bool("hasLocalGroups")
                    ? Optional.of(readGroups(r, "localGroups")) : Optional.empty();
            return new LogonRequest(origin, type, packageId, info, local, readTokenSource(r));
        } catch (LsaException | RuntimeException e) {
            info.destroy();
            throw e;
        }
    }

    static void writeQuotas(BodyWriter w, QuotaLimits q) {
        w.u64(q.pagedPoolLimitBytes()).u64(q.nonPagedPoolLimitBytes()).u64(q.minimumWorkingSetSizeBytes())
                .u64(q.maximumWorkingSetSizeBytes()).u64(q.pagefileLimitBytes()).u64(q.timeLimit());
    }

    static QuotaLimits readQuotas(BodyReader r) throws LsaException {
        long paged = r.u64(), nonPaged = r.u64(), min = r.u64(), max = r.u64(), pagefile = r.u64(), time = r.u64();
        try {
            return new QuotaLimits(paged, nonPaged, min, max, pagefile, time);
        } catch (IllegalArgumentException e) {
            throw BodyReader.invalid("QuotaLimits: " + e.getMessage());
        }
    }

    static void writeLogonResult(BodyWriter w, LogonResult res) {
        writeReturnBuffer(w, res.profileBuffer());
        w.u64(res.logonId().value()).u64(res.token().value()).bool(res.quotas().isPresent());
        res.quotas().ifPresent(q -> writeQuotas(w, q));
        w.status(res.subStatus());
    }

    static LogonResult readLogonResult(BodyReader r) throws LsaException {
        ReturnBuffer profile = readReturnBuffer(r);
        Luid logonId = new Luid(r.u64());
        TokenHandle token = new TokenHandle(r.u64());
        Optional<QuotaLimits> quotas = r.bool("hasQuotas") ? Optional.of(readQuotas(r)) : Optional.empty();
        return new LogonResult(profile, logonId, token, quotas, r.status());
    }

    // ---- AccessToken

    static void writeAccessToken(BodyWriter w, AccessToken t) {
        w.u64(t.tokenId().value()).u64(t.authenticationId().value()).u32(t.type().value())
                .u32(levelValue(t.impersonationLevel().orElse(null)));
        writeSidAndAttributes(w, t.user());
        writeGroups(w, t.groups());
        writePrivileges(w, t.privileges());
        w.sid(t.owner()).sid(t.primaryGroup());
        writeOptionalAcl(w, t.defaultDacl());
        writeTokenSource(w, t.source());
        w.u64(t.expirationTime()).u64(t.modifiedId().value());
    }

    static AccessToken readAccessToken(BodyReader r) throws LsaException {
        AccessToken.Builder b = AccessToken.builder()
                .tokenId(new Luid(r.u64()))
                .authenticationId(new Luid(r.u64()))
                .type(readTokenType(r))
                .impersonationLevel(readLevel(r, true))
                .user(readSidAndAttributes(r, "user"))
                .groups(readGroups(r, "groups"))
                .privileges(readPrivileges(r))
                .owner(r.sid("owner"))
                .primaryGroup(r.sid("primaryGroup"))
                .defaultDacl(readOptionalAcl(r, "defaultDacl").orElse(null))
                .source(readTokenSource(r))
                .expirationTime(r.u64())
                .modifiedId(new Luid(r.u64()));
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw BodyReader.invalid("AccessToken: " + e.getMessage());
        }
    }

    // ---- LogonSessionData

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Optional NT time: 0 when absent. NEVER also decodes as absent: the wire does not tell the two apart. */
    static void writeOptionalTime(BodyWriter w, Optional<Instant> t) {
        w.u64(t.map(NtTime::fromInstant).orElse(0L));
    }

    static Optional<Instant> readOptionalTime(BodyReader r, String field) throws LsaException {
        long v = r.u64();
        if (v < 0) {
            throw BodyReader.invalid(field + ": NT time " + Long.toUnsignedString(v) + " exceeds 0x7FFFFFFFFFFFFFFF");
        }
        return Optional.ofNullable(NtTime.toInstantOrNull(v));
    }

    static void writeLogonSessionData(BodyWriter w, LogonSessionData d) {
        w.u64(d.logonId().value()).string(orEmpty(d.userName())).string(orEmpty(d.logonDomain()))
                .string(orEmpty(d.authenticationPackage())).u32(d.logonType().value()).u32(d.session())
                .sid(d.sid()).u64(NtTime.fromInstant(d.logonTime()))
                .string(orEmpty(d.logonServer())).string(orEmpty(d.dnsDomainName())).string(orEmpty(d.upn()))
                .u32(d.userFlags()).string(orEmpty(d.logonScript())).string(orEmpty(d.profilePath()))
                .string(orEmpty(d.homeDirectory())).string(orEmpty(d.homeDirectoryDrive()));
        writeOptionalTime(w, d.logoffTime());
        writeOptionalTime(w, d.kickOffTime());
        writeOptionalTime(w, d.passwordLastSet());
        writeOptionalTime(w, d.passwordCanChange());
        writeOptionalTime(w, d.passwordMustChange());
        writeOptionalTime(w, d.lastSuccessfulLogon());
        w.u32(d.tokenCount());
    }

    static LogonSessionData readLogonSessionData(BodyReader r) throws LsaException {
        Luid logonId = new Luid(r.u64());
        String userName = r.string("userName");
        String logonDomain = r.string("logonDomain");
        String pkg = r.string("authenticationPackage");
        SecurityLogonType type = readLogonType(r);
        int session = r.u32();
        var sid = r.sid("sid");
        long logonNtTime = r.u64();
        Instant logonTime = logonNtTime < 0 ? null : NtTime.toInstantOrNull(logonNtTime);
        if (logonTime == null) {
            throw BodyReader.invalid("logonTime " + Long.toUnsignedString(logonNtTime)
                    + " is not a time (1..0x7FFFFFFFFFFFFFFE)");
        }
        return new LogonSessionData(logonId, userName, logonDomain, pkg, type, session, sid, logonTime,
                r.string("logonServer"), r.string("dnsDomainName"), r.string("upn"), r.u32(),
                r.string("logonScript"), r.string("profilePath"), r.string("homeDirectory"),
                r.string("homeDirectoryDrive"), readOptionalTime(r, "logoffTime"), readOptionalTime(r, "kickOffTime"),
                readOptionalTime(r, "passwordLastSet"), readOptionalTime(r, "passwordCanChange"),
                readOptionalTime(r, "passwordMustChange"), readOptionalTime(r, "lastSuccessfulLogon"), r.u32());
    }

    // ---- TokenInformation

    static TokenInformationClass classOf(TokenInformation info) {
        return switch (info) {
            case TokenInformation.User u -> TokenInformationClass.TOKEN_USER;
            case TokenInformation.Groups g -> TokenInformationClass.TOKEN_GROUPS;
            case TokenInformation.Privileges p -> TokenInformationClass.TOKEN_PRIVILEGES;
            case TokenInformation.Owner o -> TokenInformationClass.TOKEN_OWNER;
            case TokenInformation.PrimaryGroup g -> TokenInformationClass.TOKEN_PRIMARY_GROUP;
            case TokenInformation.DefaultDacl d -> TokenInformationClass.TOKEN_DEFAULT_DACL;
            case TokenInformation.Source s -> TokenInformationClass.TOKEN_SOURCE;
            case TokenInformation.Type t -> TokenInformationClass.TOKEN_TYPE;
            case TokenInformation.Level l -> TokenInformationClass.TOKEN_IMPERSONATION_LEVEL;
            case TokenInformation.Statistics s -> TokenInformationClass.TOKEN_STATISTICS;
            case TokenInformation.LogonSid l -> TokenInformationClass.TOKEN_LOGON_SID;
        };
    }

    static void writeTokenInformation(BodyWriter w, TokenInformation info) {
        w.u32(classOf(info).value());
        switch (info) {
            case TokenInformation.User u -> writeSidAndAttributes(w, u.user());
            case TokenInformation.Groups g -> writeGroups(w, g.groups());
            case TokenInformation.Privileges p -> writePrivileges(w, p.privileges());
            case TokenInformation.Owner o -> w.sid(o.owner());
            case TokenInformation.PrimaryGroup g -> w.sid(g.primaryGroup());
            case TokenInformation.DefaultDacl d -> writeOptionalAcl(w, d.defaultDacl());
            case TokenInformation.Source s -> writeTokenSource(w, s.source());
            case TokenInformation.Type t -> w.u32(t.type().value());
            case TokenInformation.Level l -> w.u32(l.level().value());
            case TokenInformation.Statistics st -> {
                TokenStatistics s = st.statistics();
                w.u64(s.tokenId().value()).u64(s.authenticationId().value()).u64(s.expirationTime())
                        .u32(s.tokenType().value()).u32(levelValue(s.impersonationLevel()))
                        .u32(s.dynamicChargedBytes()).u32(s.dynamicAvailableBytes()).u32(s.groupCount())
                        .u32(s.privilegeCount()).u64(s.modifiedId().value());
            }
            case TokenInformation.LogonSid l -> writeGroups(w, l.groups());
        }
    }

    static TokenInformation readTokenInformation(BodyReader r) throws LsaException {
        return switch (readInformationClass(r)) {
            case TOKEN_USER -> new TokenInformation.User(readSidAndAttributes(r, "user"));
            case TOKEN_GROUPS -> new TokenInformation.Groups(List.copyOf(readGroups(r, "groups")));
            case TOKEN_PRIVILEGES -> new TokenInformation.Privileges(List.copyOf(readPrivileges(r)));
            case TOKEN_OWNER -> new TokenInformation.Owner(r.sid("owner"));
            case TOKEN_PRIMARY_GROUP -> new TokenInformation.PrimaryGroup(r.sid("primaryGroup"));
            case TOKEN_DEFAULT_DACL -> new TokenInformation.DefaultDacl(readOptionalAcl(r, "defaultDacl"));
            case TOKEN_SOURCE -> new TokenInformation.Source(readTokenSource(r));
            case TOKEN_TYPE -> new TokenInformation.Type(readTokenType(r));
            case TOKEN_IMPERSONATION_LEVEL -> new TokenInformation.Level(readLevel(r, false));
            case TOKEN_STATISTICS -> new TokenInformation.Statistics(new TokenStatistics(new Luid(r.u64()),
                    new Luid(r.u64()), r.u64(), readTokenType(r), readLevel(r, true), r.u32(), r.u32(), r.u32(),
                    r.u32(), new Luid(r.u64())));
            case TOKEN_LOGON_SID -> new TokenInformation.LogonSid(List.copyOf(readGroups(r, "logonSid")));
        };
    }

    // ---------------------------------------------------------------- name lookups (LOOKUP_SIDS, LOOKUP_NAMES)

    static void writeReferencedDomains(BodyWriter w, List<ReferencedDomain> domains) {
        w.u32(domains.size());
        for (ReferencedDomain d : domains) {
            w.string(d.name()).sid(d.sid());
        }
    }

    static List<ReferencedDomain> readReferencedDomains(BodyReader r) throws LsaException {
        int n = r.count(4 + 9, "domains");
        List<ReferencedDomain> out = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new ReferencedDomain(r.string("domain name"), r.sid("domain sid")));
        }
        return out;
    }

    private static SidNameUse readUse(BodyReader r) throws LsaException {
        int v = r.u32();
        return SidNameUse.fromValue(v).orElseThrow(() -> BodyReader.invalid("SID_NAME_USE " + Integer.toUnsignedString(v)
                + " is not a known value"));
    }

    static void writeLookupSidsResult(BodyWriter w, LookupSidsResult res) {
        writeReferencedDomains(w, res.domains());
        w.u32(res.names().size());
        for (TranslatedName n : res.names()) {
            w.u32(n.use().value()).string(n.name()).u32(n.domainIndex()); // -1 travels as 0xFFFFFFFF
        }
    }

    static LookupSidsResult readLookupSidsResult(BodyReader r) throws LsaException {
        List<ReferencedDomain> domains = readReferencedDomains(r);
        int n = r.count(4 + 4 + 4, "names");
        List<TranslatedName> names = new java.util.ArrayList<>(n);
        try {
            for (int i = 0; i < n; i++) {
                names.add(new TranslatedName(readUse(r), r.string("name"), r.u32()));
            }
            return new LookupSidsResult(domains, names);
        } catch (IllegalArgumentException e) {
            throw BodyReader.invalid("translated names: " + e.getMessage());
        }
    }

    static void writeLookupNamesResult(BodyWriter w, LookupNamesResult res) {
        writeReferencedDomains(w, res.domains());
        w.u32(res.sids().size());
        for (TranslatedSid s : res.sids()) {
            w.u32(s.use().value()).bool(s.sid().isPresent());
            s.sid().ifPresent(w::sid);
            w.u32(s.domainIndex());
        }
    }

    static LookupNamesResult readLookupNamesResult(BodyReader r) throws LsaException {
        List<ReferencedDomain> domains = readReferencedDomains(r);
        int n = r.count(4 + 1 + 4, "sids");
        List<TranslatedSid> sids = new java.util.ArrayList<>(n);
        try {
            for (int i = 0; i < n; i++) {
                SidNameUse use = readUse(r);
                Optional<Sid> sid = r.bool("hasSid") ? Optional.of(r.sid("sid")) : Optional.empty();
                sids.add(new TranslatedSid(use, sid, r.u32()));
            }
            return new LookupNamesResult(domains, sids);
        } catch (IllegalArgumentException e) {
            throw BodyReader.invalid("translated SIDs: " + e.getMessage());
        }
    }
}
