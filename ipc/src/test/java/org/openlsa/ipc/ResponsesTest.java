package org.openlsa.ipc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openlsa.ipc.CodecAssertions.assertEveryTruncationInvalid;
import static org.openlsa.ipc.CodecAssertions.assertInvalid;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openlsa.core.AccessToken;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.core.NtTime;
import org.openlsa.engine.LogonSessionData;
import org.openlsa.engine.TokenInformationClass;
import org.openlsa.ipc.Protocol.Opcode;

class ResponsesTest {
    @Test
    void everyResponseRoundTripsToTheSameBytes() throws LsaException {
        int id = 1;
        for (Map.Entry<Opcode, Response> r : Samples.responses()) {
            byte[] b = Responses.encode(id, r.getKey(), r.getValue());
            Envelope<Response> e = Responses.decode(b, r.getKey());
            assertEquals(id, e.requestId());
            assertEquals(r.getKey().responseValue(), e.opcode());
            assertEquals(r.getValue().getClass(), e.body().getClass());
            assertArrayEquals(b, Responses.encode(id, r.getKey(), e.body()), r.toString());
            if (!(r.getValue() instanceof Response.Token || r.getValue() instanceof Response.Logon
                    || r.getValue() instanceof Response.CallPackage)) {
                assertEquals(r.getValue(), e.body()); // no arrays, no identity-compared tokens inside
            }
            id++;
        }
    }

    @Test
    void everyTokenInformationClassIsCovered() {
        Set<TokenInformationClass> covered = Samples.tokenInformation().stream().map(Structures::classOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(TokenInformationClass.class)));
        assertEquals(EnumSet.allOf(TokenInformationClass.class), covered);
    }

    @Test
    void tokenSurvivesTheWire() throws LsaException {
        for (AccessToken t : new AccessToken[] {Samples.primaryToken(), Samples.impersonationToken()}) {
            AccessToken back = ((Response.Token) Responses.decode(
                    Responses.encode(5, Opcode.QUERY_TOKEN, new Response.Token(t)), Opcode.QUERY_TOKEN).body()).token();
            assertEquals(t.tokenId(), back.tokenId());
            assertEquals(t.authenticationId(), back.authenticationId());
            assertEquals(t.type(), back.type());
            assertEquals(t.impersonationLevel(), back.impersonationLevel());
            assertEquals(t.user(), back.user());
            assertEquals(t.groups(), back.groups());
            assertEquals(t.privileges(), back.privileges());
            assertEquals(t.owner(), back.owner());
            assertEquals(t.primaryGroup(), back.primaryGroup());
            assertEquals(t.defaultDacl(), back.defaultDacl());
            assertEquals(t.source(), back.source());
            assertEquals(t.expirationTime(), back.expirationTime());
            assertEquals(t.modifiedId(), back.modifiedId());
            assertEquals(t.statistics(), back.statistics());
        }
    }

    @Test
    void tokenBreakingAnInvariantIsInvalid() {
        byte[] b = Responses.encode(5, Opcode.QUERY_TOKEN, new Response.Token(Samples.primaryToken()));
        int levelAt = Responses.HEADER_BYTES + 8 + 8 + 4;
        b[levelAt] = 2;
        b[levelAt + 1] = b[levelAt + 2] = b[levelAt + 3] = 0; // a primary token with a level
        assertTrue(assertInvalid(() -> Responses.decode(b, Opcode.QUERY_TOKEN)).getMessage().contains("AccessToken"));
    }

    @Test
    void failureLayoutAndException() throws LsaException {
        byte[] b = Responses.encode(3, Opcode.LOGON_USER,
                new Response.Failure(NtStatus.ACCOUNT_RESTRICTION, NtStatus.ACCOUNT_DISABLED, "no"));
        assertEquals("03000000" + "0480" + "6e0000c0" + "720000c0" + "02000000" + "6e6f", HexFormat.of().formatHex(b));
        Response.Failure f = (Response.Failure) Responses.decode(b, Opcode.LOGON_USER).body();
        LsaException e = f.toException();
        assertEquals(NtStatus.ACCOUNT_RESTRICTION, e.status());
        assertEquals(NtStatus.ACCOUNT_DISABLED, e.subStatus());
        assertEquals("no", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Response.Failure(NtStatus.SUCCESS, NtStatus.SUCCESS, ""));
        // An unknown opcode is answered NOT_SUPPORTED with its own value.
        byte[] ns = Responses.encode(9, 99, new Response.Failure(NtStatus.NOT_SUPPORTED, NtStatus.SUCCESS, "opcode 99"));
        assertEquals("09000000" + "6380" + "bb0000c0", HexFormat.of().formatHex(ns, 0, 10));
    }

    @Test
    void successHeaderLayout() {
        byte[] b = Responses.encode(3, Opcode.LOOKUP_AUTHENTICATION_PACKAGE, new Response.PackageId(1));
        assertEquals("03000000" + "0380" + "00000000" + "00000000" + "01000000", HexFormat.of().formatHex(b));
    }

    /** docs/ipc.md: every request opcode, 0..0xFFFF, can be answered with a failure that echoes it. */
    @Test
    void everyU16OpcodeCanBeAnsweredWithAFailure() throws Exception {
        for (int opcode = 0; opcode <= 0xFFFF; opcode++) {
            byte[] b = Responses.encode(opcode, opcode, new Response.Failure(NtStatus.NOT_SUPPORTED, NtStatus.SUCCESS,
                    "x"));
            assertEquals(opcode | Protocol.RESPONSE_BIT, (b[4] & 0xFF) | (b[5] & 0xFF) << 8, "opcode " + opcode);
        }
        assertThrows(IllegalArgumentException.class, () -> Responses.encode(1, 0x10000,
                new Response.Failure(NtStatus.NOT_SUPPORTED, NtStatus.SUCCESS, "x")));
        assertThrows(IllegalArgumentException.class, () -> Responses.encode(1, -1,
                new Response.Failure(NtStatus.NOT_SUPPORTED, NtStatus.SUCCESS, "x")));
    }

    @Test
    void mismatchedBodiesAndOpcodesAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> Responses.encode(1, Opcode.QUERY_TOKEN, new Response.Empty()));
        assertThrows(IllegalArgumentException.class, () -> Responses.encode(1, 99, new Response.Empty()));
        byte[] b = Responses.encode(1, Opcode.CLOSE_HANDLE, new Response.Empty());
        assertInvalid(() -> Responses.decode(b, Opcode.FREE_RETURN_BUFFER));
        byte[] request = Requests.encode(1, new Request.Whoami());
        assertInvalid(() -> Responses.decode(request, Opcode.WHOAMI));
    }

    @Test
    void sessionTimes() throws LsaException {
        LogonSessionData d = Samples.sessionData(true);
        byte[] b = Responses.encode(1, Opcode.GET_LOGON_SESSION_DATA, new Response.SessionData(d));
        assertEquals(d, ((Response.SessionData) Responses.decode(b, Opcode.GET_LOGON_SESSION_DATA).body()).data());
        // The six optional times are the last 52 bytes: six u64, then u32 tokenCount.
        int logoffAt = b.length - 52;
        assertEquals(NtTime.fromInstant(Instant.parse("2026-11-21T10:15:30.1234567Z")), u64(b, logoffAt));
        assertEquals(0, u64(b, logoffAt + 8)); // kickOffTime absent
        byte[] never = b.clone();
        putU64(never, logoffAt + 8, NtTime.NEVER);
        LogonSessionData back = ((Response.SessionData) Responses.decode(never, Opcode.GET_LOGON_SESSION_DATA).body()).data();
        assertEquals(Optional.empty(), back.kickOffTime());
        byte[] negative = b.clone();
        putU64(negative, logoffAt + 8, -5);
        assertInvalid(() -> Responses.decode(negative, Opcode.GET_LOGON_SESSION_DATA));
    }

    @Test
    void everyTruncationAndTrailingByteIsInvalid() {
        for (Map.Entry<Opcode, Response> r : Samples.responses()) {
            Opcode op = r.getKey();
            assertEveryTruncationInvalid(Responses.encode(9, op, r.getValue()), 0, b -> Responses.decode(b, op));
        }
    }

    @Test
    void badAclInATokenIsInvalid() {
        byte[] b = Responses.encode(1, Opcode.GET_TOKEN_INFORMATION,
                new Response.TokenInfo(new org.openlsa.engine.TokenInformation.DefaultDacl(Optional.of(Samples.dacl()))));
        int aclAt = Responses.HEADER_BYTES + 4 + 1 + 4;
        byte[] rev = b.clone();
        rev[aclAt] = 3;
        assertInvalid(() -> Responses.decode(rev, Opcode.GET_TOKEN_INFORMATION));
        byte[] type = b.clone();
        type[aclAt + 8] = 5;
        assertTrue(assertInvalid(() -> Responses.decode(type, Opcode.GET_TOKEN_INFORMATION)).getMessage().contains("AceType"));
        assertInstanceOf(Response.TokenInfo.class, assertDoesNotThrow(b));
    }

    private static Response assertDoesNotThrow(byte[] b) {
        try {
            return Responses.decode(b, Opcode.GET_TOKEN_INFORMATION).body();
        } catch (LsaException e) {
            throw new AssertionError(e);
        }
    }

    private static long u64(byte[] b, int o) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (b[o + i] & 0xFF);
        }
        return v;
    }

    private static void putU64(byte[] b, int o, long v) {
        for (int i = 0; i < 8; i++) {
            b[o + i] = (byte) (v >>> (8 * i));
        }
    }

    @Test
    void lookupSidsLayoutAndBadValues() throws LsaException {
        org.openlsa.engine.LookupSidsResult one = new org.openlsa.engine.LookupSidsResult(
                java.util.List.of(new org.openlsa.engine.ReferencedDomain("CONTOSO", Samples.DOMAIN)),
                java.util.List.of(new org.openlsa.engine.TranslatedName(org.openlsa.engine.SidNameUse.USER, "al", 0),
                        new org.openlsa.engine.TranslatedName(org.openlsa.engine.SidNameUse.UNKNOWN, "S-1-9", -1)));
        byte[] b = Responses.encode(1, Opcode.LOOKUP_SIDS, new Response.SidsLookedUp(one));
        String hex = HexFormat.of().formatHex(b);
        String domains = "01000000" + "07000000" + HexFormat.of().formatHex("CONTOSO".getBytes())
                + "18" + HexFormat.of().formatHex(Samples.DOMAIN.toBytes());
        String names = "02000000" + "01000000" + "02000000" + "616c" + "00000000"
                + "08000000" + "05000000" + HexFormat.of().formatHex("S-1-9".getBytes()) + "ffffffff";
        assertEquals("01000000" + "0f80" + "00000000" + "00000000" + domains + names, hex);
        Response.SidsLookedUp back = (Response.SidsLookedUp) Responses.decode(b, Opcode.LOOKUP_SIDS).body();
        assertEquals(NtStatus.SOME_NOT_MAPPED, back.result().status());
        assertEquals("CONTOSO\\al", back.result().qualifiedName(0));
        assertEveryTruncationInvalid(b, Responses.HEADER_BYTES, x -> Responses.decode(x, Opcode.LOOKUP_SIDS));
        int useAt = hex.indexOf(names) / 2 + 4;
        byte[] badUse = b.clone();
        badUse[useAt] = 0; // SID_NAME_USE 0 is not a value
        assertInvalid(() -> Responses.decode(badUse, Opcode.LOOKUP_SIDS));
        byte[] badIndex = b.clone();
        badIndex[useAt + 4 + 4 + 2] = 1; // domain index 1 of a one-domain list
        assertInvalid(() -> Responses.decode(badIndex, Opcode.LOOKUP_SIDS));
        byte[] unknownWithDomain = b.clone();
        System.arraycopy(new byte[4], 0, unknownWithDomain, b.length - 4, 4); // SidTypeUnknown in domain 0
        assertInvalid(() -> Responses.decode(unknownWithDomain, Opcode.LOOKUP_SIDS));
    }

    @Test
    void lookupNamesRefusesASidOnAnUnmappedName() throws LsaException {
        byte[] b = Responses.encode(1, Opcode.LOOKUP_NAMES, new Response.NamesLookedUp(Samples.lookupNames()));
        Response.NamesLookedUp back = (Response.NamesLookedUp) Responses.decode(b, Opcode.LOOKUP_NAMES).body();
        assertEquals(Samples.lookupNames(), back.result());
        assertEquals(NtStatus.SOME_NOT_MAPPED, back.result().status());
        byte[] bad = b.clone();
        // the last entry (not mapped): u32 use 8, bool 0, u32 -1; claim a SID is present without one
        bad[b.length - 5] = 1;
        assertInvalid(() -> Responses.decode(bad, Opcode.LOOKUP_NAMES));
    }
}
