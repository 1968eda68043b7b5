package org.openlsa.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NtStatusTest {

    private static int code(String hex) {
        return Integer.parseUnsignedInt(hex.substring(2), 16);
    }

    private static int win32(String text) {
        return text.startsWith("0x") ? Integer.parseUnsignedInt(text.substring(2), 16) : Integer.parseInt(text);
    }

    /** The lsa-semantics.md section 3 table (MS-ERREF, Wine ntdll), one row per case. */
    @ParameterizedTest(name = "{0} = {1} -> Win32 {2}")
    @CsvFileSource(resources = "/org/openlsa/core/ntstatus-win32.csv", numLinesToSkip = 1)
    void tableRowHasItsCodeNameAndWin32Mapping(String name, String ntstatus, String win32) throws Exception {
        NtStatus constant = (NtStatus) NtStatus.class.getField(name).get(null);
        assertEquals(code(ntstatus), constant.code(), name + " code");
        assertEquals(Optional.of("STATUS_" + name), constant.symbolicName());
        assertEquals(win32(win32), constant.toWin32Error(), name + " Win32 mapping");
        assertEquals(constant, NtStatus.parse(name));
        assertEquals(constant, NtStatus.parse("STATUS_" + name));
        assertEquals(constant, NtStatus.parse(ntstatus));
        assertTrue(constant.meaning().isPresent());
        assertTrue(NtStatus.known().contains(constant));
    }

    @Test
    void knownCodesAreDistinctAndNamedOnce() {
        Set<Integer> codes = new HashSet<>();
        for (NtStatus s : NtStatus.known()) {
            assertTrue(codes.add(s.code()), "duplicate " + s);
        }
        assertEquals(NtStatus.known().size(), NtStatus.names().size());
        assertEquals(new HashSet<>(NtStatus.names().values()).size(), NtStatus.names().size(), "names are unique");
    }

    @ParameterizedTest
    @ValueSource(ints = {0x20000000, 0x20000001, 0xE0001234, 0xA0000005, 0x60000010})
    void customerCodesPassThrough(int code) {
        assertEquals(code, new NtStatus(code).toWin32Error());
    }

    @Test
    void successPassesThrough() {
        assertEquals(0, NtStatus.SUCCESS.toWin32Error());
    }

    @Test
    void dSeverityIsReadAsError() {
        // Wine: 0xDxxxxxxx is handled as 0xCxxxxxxx.
        assertEquals(1326, new NtStatus(0xD000006D).toWin32Error());
        assertEquals(5, new NtStatus(0xD0000022).toWin32Error());
        assertEquals(0x57, new NtStatus(0xD0070057).toWin32Error());
        assertEquals(NtStatus.ERROR_MR_MID_NOT_FOUND, new NtStatus(0xD0DEC0DE).toWin32Error());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0xC0010005, 5",      // facility RPC
        "0xC001FFFF, 65535",
        "0x80070057, 87",     // HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER)
        "0x80070000, 0",
        "0xC0070020, 32",     // facility Win32
        "0xC007ABCD, 43981",
    })
    void win32AndRpcFacilitiesGiveTheLow16Bits(String status, int expected) {
        assertEquals(expected, new NtStatus(code(status)).toWin32Error());
    }

    @ParameterizedTest
    @ValueSource(ints = {0xC0DEC0DE, 0xC0FFFFFF, 0x80000001 + 0x12340000, 0x4000ABCD, 0xC0020001, 0x80080005})
    void unmappedCodesGive317(int code) {
        assertEquals(317, new NtStatus(code).toWin32Error());
    }

    @Test
    void unknownCodesRoundTrip() {
        NtStatus unknown = new NtStatus(0xC0DEC0DE);
        assertEquals(new NtStatus(0xC0DEC0DE), unknown);
        assertEquals(unknown.hashCode(), new NtStatus(0xC0DEC0DE).hashCode());
        assertNotEquals(new NtStatus(0xC0DEC0DF), unknown);
        assertEquals("0xC0DEC0DE", unknown.hex());
        assertEquals("0xC0DEC0DE", unknown.toString());
        assertEquals(unknown, NtStatus.parse(unknown.hex()));
        assertEquals(Optional.empty(), unknown.symbolicName());
        assertEquals(Optional.empty(), unknown.meaning());
        assertFalse(NtStatus.known().contains(unknown));
    }

    @Test
    void hexIsEightUpperCaseDigits() {
        assertEquals("0x00000000", NtStatus.SUCCESS.hex());
        assertEquals("0xC000006D", NtStatus.LOGON_FAILURE.hex());
        assertEquals("0x00000103", new NtStatus(0x103).hex());
        assertEquals("STATUS_LOGON_FAILURE (0xC000006D)", NtStatus.LOGON_FAILURE.toString());
    }

    @Test
    void severityAndSuccess() {
        assertTrue(NtStatus.SUCCESS.isSuccess());
        assertFalse(NtStatus.SUCCESS.isError());
        assertEquals(0, NtStatus.SUCCESS.severity());
        assertTrue(new NtStatus(0x40000000).isSuccess()); // informational counts as NT_SUCCESS
        assertEquals(1, new NtStatus(0x40000000).severity());
        assertFalse(new NtStatus(0x80000005).isSuccess()); // warning
        assertFalse(new NtStatus(0x80000005).isError());
        assertEquals(2, new NtStatus(0x80000005).severity());
        assertTrue(NtStatus.LOGON_FAILURE.isError());
        assertEquals(3, NtStatus.LOGON_FAILURE.severity());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0xC000006D", "0XC000006D", "0xc000006d", "C000006D", "c000006d", "STATUS_LOGON_FAILURE",
        "status_logon_failure", "LOGON_FAILURE", "Logon_Failure", "-1073741715", "3221225581", "  0xC000006D  "})
    void parseAcceptsNamesHexAndDecimal(String text) {
        assertEquals(NtStatus.LOGON_FAILURE, NtStatus.parse(text));
    }

    @Test
    void parseSmallValues() {
        assertEquals(NtStatus.SUCCESS, NtStatus.parse("0"));
        assertEquals(new NtStatus(0x103), NtStatus.parse("259"));
        assertEquals(new NtStatus(0xFFFFFFFF), NtStatus.parse("4294967295"));
        assertEquals(new NtStatus(Integer.MIN_VALUE), NtStatus.parse("-2147483648"));
        assertEquals(new NtStatus(0xC0DEC0DE), NtStatus.parse("0xc0dec0de"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "garbage", "STATUS_NOT_A_THING", "0x", "0x1FFFFFFFF", "0xGHIJ", "4294967296",
        "-2147483649", "C000006", "12.5", "0x-1"})
    void parseRejectsOtherText(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NtStatus.parse(text));
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    }

    @Test
    void lsaExceptionRefusesSuccessAndKeepsSubStatus() {
        assertThrows(IllegalArgumentException.class, () -> new LsaException(NtStatus.SUCCESS, "x"));
        assertThrows(IllegalArgumentException.class, () -> new LsaException(new NtStatus(0x40000000), "x"));
        LsaException e = new LsaException(NtStatus.ACCOUNT_RESTRICTION, NtStatus.ACCOUNT_DISABLED, "disabled");
        assertEquals(NtStatus.ACCOUNT_RESTRICTION, e.status());
        assertEquals(NtStatus.ACCOUNT_DISABLED, e.subStatus());
        assertEquals(NtStatus.SUCCESS, new LsaException(NtStatus.LOGON_FAILURE, "x").subStatus());
    }
}
