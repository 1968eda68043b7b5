package org.openlsa.pac;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openlsa.core.Sid;
import org.openlsa.core.SidAndAttributes;
import org.openlsa.pac.internal.NdrReader;
import org.openlsa.pac.internal.NdrWriter;

/**
 * Codec of the logon-info buffer: KERB_VALIDATION_INFO ([MS-PAC] 2.5) marshaled in NDR 1.0 little-endian inside an
 * MS-RPCE type serialization version 1 envelope ([MS-RPCE] 2.2.6):
 *
 * <pre>
 * Common Type Header (8): Version 1, Endianness 0x10, CommonHeaderLength 8, Filler 0xCCCCCCCC
 * Private Header (8):     ObjectBufferLength (a multiple of 8), Filler 0
 * object buffer:          top-level referent id, the structure, then every deferred pointee in field order
 * </pre>
 *
 * The structure is 4-byte aligned (FILETIME is two ULONGs); the deferred data follow its declaration
 * ([MS-PAC] 2.17): the six RPC_UNICODE_STRING buffers, GroupIds, LogonServer, LogonDomainName, LogonDomainId,
 * ExtraSids (the array, then each SID), ResourceGroupDomainSid, ResourceGroupIds.
 */
final class KerbValidationInfoCodec {
    private KerbValidationInfoCodec() {}

    private static final int HEADER_SIZE = 16;
    private static final int SERIALIZATION_VERSION = 1;
    private static final int LITTLE_ENDIAN = 0x10;
    private static final int COMMON_HEADER_LENGTH = 8;
    private static final int COMMON_FILLER = 0xCCCCCCCC;
    private static final String[] STRING_NAMES = {"EffectiveName", "FullName", "LogonScript", "ProfilePath",
        "HomeDirectory", "HomeDirectoryDrive"};

    /** An RPC_UNICODE_STRING as it sits in the structure: lengths and referent id. */
    private record StringHeader(String field, int length, int maximumLength, int referent) {}

    static byte[] encode(KerbValidationInfo v) {
        NdrWriter w = new NdrWriter();
        w.pointer(true);
        for (long t : new long[] {v.logonTime(), v.logoffTime(), v.kickOffTime(), v.passwordLastSet(),
            v.passwordCanChange(), v.passwordMustChange()}) {
            w.u64(t);
        }
        String[] strings = {v.effectiveName(), v.fullName(), v.logonScript(), v.profilePath(), v.homeDirectory(),
            v.homeDirectoryDrive()};
        for (String s : strings) {
            w.unicodeStringHeader(s);
        }
        w.u16(v.logonCount()).u16(v.badPasswordCount()).u32(v.userId()).u32(v.primaryGroupId())
                .u32(v.groupIds().size()).pointer(!v.groupIds().isEmpty());
        w.u32(v.userFlags()).bytes(v.userSessionKey());
        w.unicodeStringHeader(v.logonServer()).unicodeStringHeader(v.logonDomainName()).pointer(true);
        w.u32(0).u32(0); // Reserved1[2]
        w.u32(v.userAccountControl()).u32(v.subAuthStatus()).u64(v.lastSuccessfulILogon()).u64(v.lastFailedILogon())
                .u32(v.failedILogonCount()).u32(0); // Reserved3
        w.u32(v.extraSids().size()).pointer(!v.extraSids().isEmpty());
        w.pointer(v.resourceGroupDomainSid().isPresent()).u32(v.resourceGroupIds().size())
                .pointer(!v.resourceGroupIds().isEmpty());

        for (String s : strings) {
            w.unicodeStringBody(s);
        }
        writeGroups(w, v.groupIds());
        w.unicodeStringBody(v.logonServer()).unicodeStringBody(v.logonDomainName()).rpcSid(v.logonDomainId());
        if (!v.extraSids().isEmpty()) {
            w.align(4).u32(v.extraSids().size());
            for (SidAndAttributes s : v.extraSids()) {
                w.pointer(true).u32(s.attributes());
            }
            for (SidAndAttributes s : v.extraSids()) {
                w.rpcSid(s.sid());
            }
        }
        v.resourceGroupDomainSid().ifPresent(w::rpcSid);
        writeGroups(w, v.resourceGroupIds());
        w.align(8); // ObjectBufferLength is a multiple of 8 (MS-RPCE 2.2.6.2)
        byte[] body = w.toBytes();

        NdrWriter out = new NdrWriter();
        out.u8(SERIALIZATION_VERSION).u8(LITTLE_ENDIAN).u16(COMMON_HEADER_LENGTH).u32(COMMON_FILLER);
        out.u32(body.length).u32(0);
        return out.bytes(body).toBytes();
    }

    private static void writeGroups(NdrWriter w, List<GroupMembership> groups) {
        if (!groups.isEmpty()) {
            w.align(4).u32(groups.size());
            for (GroupMembership g : groups) {
                w.u32(g.relativeId()).u32(g.attributes());
            }
        }
    }

    static KerbValidationInfo decode(byte[] buffer) throws PacFormatException {
        return decode(NdrReader.over(buffer));
    }

    /** Decodes the envelope filling {@code r}. */
    static KerbValidationInfo decode(NdrReader r) throws PacFormatException {
        int version = r.u8("serialization Version");
        if (version != SERIALIZATION_VERSION) {
            throw new PacFormatException("KERB_VALIDATION_INFO: unknown type serialization version " + version
                    + " (only version 1 is defined)");
        }
        int endianness = r.u8("serialization Endianness");
        if (endianness != LITTLE_ENDIAN) {
            throw new PacFormatException("KERB_VALIDATION_INFO: Endianness 0x" + Integer.toHexString(endianness)
                    + " is not little-endian (0x10)");
        }
        int commonLength = r.u16("CommonHeaderLength");
        if (commonLength != COMMON_HEADER_LENGTH) {
            throw new PacFormatException("KERB_VALIDATION_INFO: CommonHeaderLength " + commonLength + " is not 8");
        }
        r.skip(4, "common header Filler");
        long objectLength = Integer.toUnsignedLong(r.u32("ObjectBufferLength"));
        r.skip(4, "private header Filler");
        if (objectLength % 8 != 0 || objectLength != r.remaining()) {
            throw new PacFormatException("KERB_VALIDATION_INFO: ObjectBufferLength " + objectLength
                    + " is not a multiple of 8 filling the " + r.remaining() + " bytes after the headers");
        }
        try {
            return decodeObject(r.slice(HEADER_SIZE, objectLength, "object buffer"));
        } catch (IllegalArgumentException e) {
            throw new PacFormatException("KERB_VALIDATION_INFO: " + e.getMessage());
        }
    }

    private static KerbValidationInfo decodeObject(NdrReader r) throws PacFormatException {
        if (r.pointer("top-level pointer") == 0) {
            throw new PacFormatException("KERB_VALIDATION_INFO: NULL top-level pointer");
        }
        long[] times = new long[6];
        for (int i = 0; i < times.length; i++) {
            times[i] = r.u64("logon times");
        }
        StringHeader[] headers = new StringHeader[6];
        for (int i = 0; i < headers.length; i++) {
            headers[i] = stringHeader(r, STRING_NAMES[i]);
        }
        int logonCount = r.u16("LogonCount");
        int badPasswordCount = r.u16("BadPasswordCount");
        int userId = r.u32("UserId");
        int primaryGroupId = r.u32("PrimaryGroupId");
        int groupCount = r.u32("GroupCount");
        int groupIdsPointer = r.pointer("GroupIds");
        int userFlags = r.u32("UserFlags");
        byte[] userSessionKey = r.bytes(KerbValidationInfo.USER_SESSION_KEY_SIZE, "UserSessionKey");
        StringHeader logonServer = stringHeader(r, "LogonServer");
        StringHeader logonDomainName = stringHeader(r, "LogonDomainName");
        int logonDomainIdPointer = r.pointer("LogonDomainId");
        r.skip(8, "Reserved1");
        int userAccountControl = r.u32("UserAccountControl");
        int subAuthStatus = r.u32("SubAuthStatus");
        long lastSuccessfulILogon = r.u64("LastSuccessfulILogon");
        long lastFailedILogon = r.u64("LastFailedILogon");
        int failedILogonCount = r.u32("FailedILogonCount");
        r.skip(4, "Reserved3");
        int sidCount = r.u32("SidCount");
        int extraSidsPointer = r.pointer("ExtraSids");
        int resourceDomainPointer = r.pointer("ResourceGroupDomainSid");
        int resourceGroupCount = r.u32("ResourceGroupCount");
        int resourceGroupsPointer = r.pointer("ResourceGroupIds");

        // Deferred pointees, in field order.
        String[] strings = new String[6];
        for (int i = 0; i < strings.length; i++) {
            strings[i] = stringBody(r, headers[i]);
        }
        List<GroupMembership> groupIds = groups(r, groupCount, groupIdsPointer, "GroupIds");
        String server = stringBody(r, logonServer);
        String domainName = stringBody(r, logonDomainName);
        if (logonDomainIdPointer == 0) {
            throw new PacFormatException("KERB_VALIDATION_INFO: LogonDomainId is NULL");
        }
        Sid logonDomainId = r.rpcSid("LogonDomainId");
        List<SidAndAttributes> extraSids = extraSids(r, sidCount, extraSidsPointer);
        Optional<Sid> resourceDomain = resourceDomainPointer == 0 ? Optional.empty()
                : Optional.of(r.rpcSid("ResourceGroupDomainSid"));
        List<GroupMembership> resourceGroupIds = groups(r, resourceGroupCount, resourceGroupsPointer, "ResourceGroupIds");

        return new KerbValidationInfo(times[0], times[1], times[2], times[3], times[4], times[5], strings[0],
                strings[1], strings[2], strings[3], strings[4], strings[5], logonCount, badPasswordCount, userId,
                primaryGroupId, groupIds, userFlags, userSessionKey, server, domainName, logonDomainId,
                userAccountControl, subAuthStatus, lastSuccessfulILogon, lastFailedILogon, failedILogonCount, extraSids,
                resourceDomain, resourceGroupIds);
    }

    private static StringHeader stringHeader(NdrReader r, String field) throws PacFormatException {
        r.align(4, field);
        int length = r.u16(field + " Length");
        int maximumLength = r.u16(field + " MaximumLength");
        int referent = r.u32(field + " Buffer");
        if (length > maximumLength || (length & 1) != 0) {
            throw new PacFormatException(field + ": Length " + length + " is odd or exceeds MaximumLength "
                    + maximumLength);
        }
        if (referent == 0 && length != 0) {
            throw new PacFormatException(field + ": NULL Buffer with Length " + length);
        }
        return new StringHeader(field, length, maximumLength, referent);
    }

    /** A NULL Buffer reads as the empty string: the model does not tell NULL from empty. */
    private static String stringBody(NdrReader r, StringHeader h) throws PacFormatException {
        return h.referent() == 0 ? "" : r.conformantVaryingUtf16(h.length(), h.maximumLength(), h.field());
    }

    private static List<GroupMembership> groups(NdrReader r, int count, int pointer, String field)
            throws PacFormatException {
        if (pointer == 0) {
            if (count != 0) {
                throw new PacFormatException(field + ": count " + Integer.toUnsignedString(count) + " with a NULL array");
            }
            return List.of();
        }
        int n = r.conformance(count, 8, field);
        List<GroupMembership> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new GroupMembership(r.u32(field + " RelativeId"), r.u32(field + " Attributes")));
        }
        return out;
    }

    private static List<SidAndAttributes> extraSids(NdrReader r, int count, int pointer) throws PacFormatException {
        if (pointer == 0) {
            if (count != 0) {
                throw new PacFormatException("ExtraSids: SidCount " + Integer.toUnsignedString(count) + " with a NULL array");
            }
            return List.of();
        }
        int n = r.conformance(count, 8, "ExtraSids");
        int[] attributes = new int[n];
        for (int i = 0; i < n; i++) {
            if (r.pointer("ExtraSids Sid") == 0) {
                throw new PacFormatException("ExtraSids[" + i + "]: NULL Sid");
            }
            attributes[i] = r.u32("ExtraSids Attributes");
        }
        List<SidAndAttributes> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new SidAndAttributes(r.rpcSid("ExtraSids[" + i + "]"), attributes[i]));
        }
        return out;
    }
}
