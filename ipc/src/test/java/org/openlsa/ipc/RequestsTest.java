package org.openlsa.ipc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openlsa.ipc.CodecAssertions.assertEveryTruncationInvalid;
import static org.openlsa.ipc.CodecAssertions.assertInvalid;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.openlsa.core.ImpersonationLevel;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.core.TokenType;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.engine.TokenHandle;
import org.openlsa.engine.TokenInformationClass;
import org.openlsa.ipc.Protocol.Opcode;

class RequestsTest {
    @Test
    void everyRequestRoundTripsToTheSameBytes() throws LsaException {
        int id = 100;
        for (Request q : Samples.requests()) {
            byte[] b = Requests.encode(id, q);
            Envelope<Request> e = Requests.decode(b);
            assertEquals(id, e.requestId());
            assertEquals(Requests.opcodeOf(q).value(), e.opcode());
            assertEquals(q.getClass(), e.body().getClass());
            assertArrayEquals(b, Requests.encode(id, e.body()), q.toString());
            if (!(q instanceof Request.LogonUser || q instanceof Request.LogonUserWithPassword
                    || q instanceof Request.CallPackage || q instanceof Request.CreateProcessWithLogon)) {
                assertEquals(q, e.body()); // records without arrays or secrets compare by value
            }
            id++;
        }
    }

    @Test
    void opcodesCoverTheTable() {
        assertEquals(Arrays.stream(Opcode.values()).toList(),
                Samples.requests().stream().map(Requests::opcodeOf).distinct().sorted().toList());
    }

    @Test
    void logonUserLayoutAndFields() throws LsaException {
        Request.LogonUser q = new Request.LogonUser(Samples.logonRequest(true));
        byte[] b = Requests.encode(0x01020304, q);
        assertEquals("04030201" + "0400" + "05000000" + HexFormat.of().formatHex("login".getBytes(StandardCharsets.UTF_8))
                + "02000000" + "00000000", HexFormat.of().formatHex(b, 0, 6 + 9 + 8));
        Request.LogonUser back = (Request.LogonUser) Requests.decode(b).body();
        assertEquals("login", back.request().originName());
        assertEquals(SecurityLogonType.INTERACTIVE, back.request().logonType());
        assertTrue(back.request().authenticationInformation().equalsConstantTime(Samples.interactiveLogonBytes()));
        assertEquals(q.request().localGroups(), back.request().localGroups());
        assertEquals(Samples.ADVAPI, back.request().sourceContext());
    }

    /**
     * The logon structure (which may hold a password) is a secret from the moment it is decoded: the daemon's
     * {@link Requests#wipe} destroys it, and a request that fails to decode after it leaves no live secret behind.
     */
    @Test
    void aDecodedLogonStructureIsASecretThatWipeDestroys() throws LsaException {
        byte[] b = Requests.encode(7, new Request.LogonUser(Samples.logonRequest(true)));
        Request.LogonUser back = (Request.LogonUser) Requests.decode(b).body();
        org.openlsa.crypto.SecretBytes info = back.request().authenticationInformation();
        assertFalse(info.isDestroyed());
        Requests.wipe(back);
        assertTrue(info.isDestroyed());
    }

    @Test
    void passwordLogonCarriesThePasswordAndTheCallerCanDestroyIt() throws LsaException {
        byte[] pw = "Pässw0rd".getBytes(StandardCharsets.UTF_16LE);
        byte[] b = Requests.encode(1, new Request.LogonUserWithPassword("alice", "", SecretBytes.copyOf(pw), 3, 0));
        Request.LogonUserWithPassword back = (Request.LogonUserWithPassword) Requests.decode(b).body();
        assertTrue(back.password().equalsConstantTime(pw));
        assertEquals(3, back.logon32Type());
        assertTrue(!back.toString().contains("w0rd"));
        Requests.wipe(back);
        assertTrue(back.password().isDestroyed());
    }

    @Test
    void duplicateTokenEncodesNoLevelAsAllOnes() throws LsaException {
        byte[] b = Requests.encode(7, new Request.DuplicateToken(new TokenHandle(0x104), 0x2, null, TokenType.PRIMARY));
        assertEquals("07000000" + "0c00" + "0401000000000000" + "02000000" + "ffffffff" + "01000000",
                HexFormat.of().formatHex(b));
        byte[] bad = b.clone();
        bad[18] = 4; // level 0xFFFFFF04
        assertInvalid(() -> Requests.decode(bad));
        byte[] type = b.clone();
        type[22] = 3;
        assertInvalid(() -> Requests.decode(type));
    }

    @Test
    void unknownOpcodeKeepsTheRequestId() throws LsaException {
        byte[] b = HexFormat.of().parseHex("2a000000" + "6300" + "deadbeef");
        Envelope<Request> e = Requests.decode(b);
        assertEquals(42, e.requestId());
        assertEquals(new Request.Unknown(99), e.body());
        assertThrows(IllegalArgumentException.class, () -> Requests.encode(1, new Request.Unknown(99)));
        assertEquals(new Request.Unknown(0x8001), Requests.decode(HexFormat.of().parseHex("01000000" + "0180")).body());
    }

    @Test
    void headerIsReadableWhenTheBodyIsNot() throws LsaException {
        byte[] b = Requests.encode(77, new Request.QueryToken(new TokenHandle(5)));
        byte[] bad = Arrays.copyOf(b, b.length - 1);
        assertInvalid(() -> Requests.decode(bad));
        assertEquals(new Requests.Header(77, Opcode.QUERY_TOKEN.value()), Requests.header(bad));
        assertInvalid(() -> Requests.header(new byte[5]));
    }

    @Test
    void everyTruncationAndTrailingByteIsInvalid() {
        for (Request q : Samples.requests()) {
            assertEveryTruncationInvalid(Requests.encode(9, q), 0, Requests::decode);
        }
    }

    @Test
    void malformedUtf8IsInvalid() {
        for (String hex : new String[] {"ff", "c0af", "eda080", "e282", "f4908080"}) {
            byte[] name = HexFormat.of().parseHex(hex);
            byte[] b = concat(HexFormat.of().parseHex("01000000" + "0100"), u32(name.length), name);
            LsaException e = assertInvalid(() -> Requests.decode(b));
            assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
        }
    }

    @Test
    void boolOtherThanZeroOrOneIsInvalid() {
        byte[] b = Requests.encode(1, new Request.LogonUser(Samples.logonRequest(false)));
        int boolAt = 6 + 4 + 5 + 4 + 4 + 4 + Samples.interactiveLogonBytes().length;
        assertEquals(0, b[boolAt]);
        b[boolAt] = 2;
        assertTrue(assertInvalid(() -> Requests.decode(b)).getMessage().contains("bool"));
    }

    @Test
    void sidLengthOutsideItsRangeIsInvalid() {
        byte[] b = Requests.encode(1, new Request.LogonUser(Samples.logonRequest(true)));
        int sidAt = 6 + 4 + 5 + 4 + 4 + 4 + Samples.interactiveLogonBytes().length + 1 + 4;
        assertEquals(12, b[sidAt]); // S-1-2-1
        for (int bad : new int[] {200, 7, 0, 69}) {
            byte[] c = b.clone();
            c[sidAt] = (byte) bad;
            assertInvalid(() -> Requests.decode(c));
        }
        byte[] mismatch = b.clone();
        mismatch[sidAt + 2] = 2; // sub-authority count 2 in a 12-byte SID
        assertInvalid(() -> Requests.decode(mismatch));
    }

    @Test
    void countsLargerThanTheRemainingBytesAreInvalid() {
        byte[] b = Requests.encode(1, new Request.LogonUser(Samples.logonRequest(true)));
        int countAt = 6 + 4 + 5 + 4 + 4 + 4 + Samples.interactiveLogonBytes().length + 1;
        for (int count : new int[] {-1, 0x7FFFFFFF, 3}) {
            byte[] c = b.clone();
            System.arraycopy(u32(count), 0, c, countAt, 4);
            assertInvalid(() -> Requests.decode(c));
        }
        byte[] bytesCount = Requests.encode(1, new Request.CallPackage(1, new byte[4]));
        System.arraycopy(u32(-1), 0, bytesCount, 10, 4);
        assertTrue(assertInvalid(() -> Requests.decode(bytesCount)).getMessage().contains("4294967295"));
        byte[] stringCount = Requests.encode(1, new Request.RegisterLogonProcess("x"));
        System.arraycopy(u32(0x7FFFFFF0), 0, stringCount, 6, 4);
        assertInvalid(() -> Requests.decode(stringCount));
    }

    @Test
    void badEnumValuesAreInvalid() {
        byte[] b = Requests.encode(1, new Request.GetTokenInformation(new TokenHandle(1), TokenInformationClass.TOKEN_USER));
        b[14] = 11; // TokenRestrictedSids: not answered here
        assertInvalid(() -> Requests.decode(b));
        byte[] logon = Requests.encode(1, new Request.LogonUser(Samples.logonRequest(false)));
        logon[6 + 4 + 5] = 1; // logon type 1 does not exist
        assertInvalid(() -> Requests.decode(logon));
    }

    @Test
    void callPackageCopiesAndWipes() throws LsaException {
        byte[] submit = {1, 2, 3};
        Request.CallPackage q = new Request.CallPackage(0, submit);
        submit[0] = 9;
        assertTrue(q.submit().equalsConstantTime(new byte[] {1, 2, 3}), "the request holds its own copy");
        Request.CallPackage back = (Request.CallPackage) Requests.decode(Requests.encode(3, q)).body();
        assertTrue(back.submit().equalsConstantTime(new byte[] {1, 2, 3}));
        org.openlsa.crypto.SecretBytes held = back.submit();
        Requests.wipe(back);
        assertTrue(held.isDestroyed(), "the decoded submit buffer is a secret that wipe destroys");
        assertEquals(new Request.GetLogonSessionData(Luid.SYSTEM),
                Requests.decode(Requests.encode(3, new Request.GetLogonSessionData(Luid.SYSTEM))).body());
        assertInstanceOf(Request.DuplicateToken.class, Requests.decode(Requests.encode(1, new Request.DuplicateToken(
                new TokenHandle(1), 0, ImpersonationLevel.ANONYMOUS, TokenType.IMPERSONATION))).body());
    }

    static byte[] u32(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }
}
