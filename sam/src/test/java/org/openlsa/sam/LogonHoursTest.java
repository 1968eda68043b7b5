package org.openlsa.sam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogonHoursTest {
    // 2024-01-07 is a Sunday; 2024-01-08 a Monday; 2024-01-13 a Saturday.
    private static final Instant SUNDAY = Instant.parse("2024-01-07T00:00:00Z");

    private static Instant at(String isoUtc) {
        return Instant.parse(isoUtc);
    }

    @Test
    void bitZeroIsSundayMidnightUtc() {
        byte[] bits = new byte[21];
        bits[0] = 1;
        LogonHours h = LogonHours.of(168, bits);
        assertTrue(h.allows(SUNDAY));
        assertTrue(h.allows(at("2024-01-07T00:59:59Z")));
        assertFalse(h.allows(at("2024-01-07T01:00:00Z")));
        assertFalse(h.allows(at("2024-01-06T23:59:59Z")));
        assertFalse(h.allows(at("2024-01-08T00:00:00Z")));
        assertTrue(h.allows(at("2023-12-31T00:30:00Z")), "every Sunday, not one date");
    }

    @Test
    void unitIndexIsMinutesTimesUnitsOverMinutesPerWeek() {
        // Monday 09:00 = minute 1440 + 540 = 1980 -> unit 33 -> byte 4, bit 1
        byte[] bits = new byte[21];
        bits[4] = 0b10;
        LogonHours h = LogonHours.of(168, bits);
        assertTrue(h.allows(at("2024-01-08T09:00:00Z")));
        assertTrue(h.allows(at("2024-01-08T09:59:00Z")));
        assertFalse(h.allows(at("2024-01-08T10:00:00Z")));
        assertFalse(h.allows(at("2024-01-08T08:59:00Z")));
        assertEquals("Mon 09-10", h.toSpec());

        // 7 units per week: one bit per day, bit 1 = Monday
        LogonHours days = LogonHours.of(7, new byte[] {0b10});
        assertTrue(days.allows(at("2024-01-08T00:00:00Z")));
        assertTrue(days.allows(at("2024-01-08T23:59:00Z")));
        assertFalse(days.allows(at("2024-01-09T00:00:00Z")));
        assertFalse(days.allows(SUNDAY));

        // 10080 units: one bit per minute; Saturday 23:59 is the last bit
        byte[] minutes = new byte[1260];
        minutes[1259] = (byte) 0x80;
        LogonHours perMinute = LogonHours.of(10080, minutes);
        assertTrue(perMinute.allows(at("2024-01-13T23:59:30Z")));
        assertFalse(perMinute.allows(at("2024-01-13T23:58:59Z")));
        assertFalse(perMinute.allows(SUNDAY));
    }

    @Test
    void weekdayOfficeHours() {
        LogonHours h = LogonHours.parse("Mon-Fri 08-18");
        assertTrue(h.allows(at("2024-01-08T08:00:00Z")));   // Monday 08:00
        assertTrue(h.allows(at("2024-01-08T17:59:59Z")));   // Monday 17:59
        assertFalse(h.allows(at("2024-01-08T18:00:00Z")));  // end hour is exclusive
        assertFalse(h.allows(at("2024-01-08T07:59:59Z")));
        assertTrue(h.allows(at("2024-01-12T12:00:00Z")));   // Friday
        assertFalse(h.allows(at("2024-01-13T12:00:00Z")));  // Saturday
        assertFalse(h.allows(at("2024-01-07T12:00:00Z")));  // Sunday
        // Monday is unit 24..47: bits 8-17 of Monday = units 32..41 -> bytes 4 and 5
        byte[] b = h.bitmap();
        assertEquals((byte) 0xFF, b[4]);
        assertEquals((byte) 0x03, b[5]);
        assertEquals(0, b[3]);
        assertEquals(0, b[0]);
        assertEquals("Mon 08-18; Tue 08-18; Wed 08-18; Thu 08-18; Fri 08-18", h.toSpec());
    }

    @Test
    void timesAreUtcWhateverTheOffsetOfTheInput() {
        LogonHours h = LogonHours.parse("Mon 08-09");
        assertTrue(h.allows(java.time.OffsetDateTime.parse("2024-01-08T10:30:00+02:00").toInstant()));
        assertFalse(h.allows(java.time.OffsetDateTime.parse("2024-01-08T08:30:00+02:00").toInstant()));
    }

    @Test
    void dayRangesWrapAndCombine() {
        LogonHours h = LogonHours.parse("Fri-Mon 00-24; wednesday 09:00-12:00, Sat 10-11");
        assertTrue(h.allows(at("2024-01-12T00:00:00Z")));  // Fri
        assertTrue(h.allows(at("2024-01-13T23:00:00Z")));  // Sat
        assertTrue(h.allows(SUNDAY));
        assertTrue(h.allows(at("2024-01-08T23:59:00Z")));  // Mon
        assertFalse(h.allows(at("2024-01-09T00:00:00Z"))); // Tue
        assertTrue(h.allows(at("2024-01-10T11:59:00Z")));  // Wed
        assertFalse(h.allows(at("2024-01-10T12:00:00Z")));
        assertFalse(h.allows(at("2024-01-11T10:00:00Z"))); // Thu
    }

    @Test
    void alwaysAndNever() {
        assertEquals(LogonHours.ALWAYS, LogonHours.parse("always"));
        assertEquals(LogonHours.ALWAYS, LogonHours.parse(" ALL "));
        assertTrue(LogonHours.ALWAYS.isAlways());
        assertEquals("always", LogonHours.ALWAYS.toSpec());
        byte[] all = new byte[21];
        Arrays.fill(all, (byte) 0xFF);
        assertArrayEquals(all, LogonHours.ALWAYS.bitmap());
        assertEquals(LogonHours.ALWAYS, LogonHours.parse("Sun-Sat 00-24"));

        LogonHours never = LogonHours.parse("never");
        assertEquals(never, LogonHours.parse("NONE"));
        assertArrayEquals(new byte[21], never.bitmap());
        assertFalse(never.isAlways());
        assertEquals("never", never.toSpec());
        for (int d = 0; d < 7; d++) {
            assertFalse(never.allows(SUNDAY.plusSeconds(d * 86400L + 3600)));
        }
    }

    @Test
    void hexForm() {
        String hex = "ff02" + "00".repeat(18) + "80"; // 21 bytes
        LogonHours h = LogonHours.parse("hex:" + hex);
        assertArrayEquals(HexFormat.of().parseHex(hex), h.bitmap());
        assertTrue(h.allows(SUNDAY));                      // byte 0 = ff: Sun 00-08
        assertTrue(h.allows(at("2024-01-07T07:59:00Z")));
        assertFalse(h.allows(at("2024-01-07T08:00:00Z"))); // byte 1 bit 0 = Sun 08
        assertTrue(h.allows(at("2024-01-07T09:00:00Z")));  // byte 1 bit 1 = Sun 09
        assertFalse(h.allows(at("2024-01-07T10:00:00Z")));
        assertTrue(h.allows(at("2024-01-13T23:00:00Z")));  // byte 20 bit 7: Sat 23
        assertFalse(h.allows(at("2024-01-13T22:00:00Z")));
        assertEquals("Sun 00-08; Sun 09-10; Sat 23-24", h.toSpec());
        assertEquals(h, LogonHours.parse("HEX:" + hex.toUpperCase()));
        assertEquals(LogonHours.ALWAYS, LogonHours.parse("hex:" + "ff".repeat(21)));
    }

    @Test
    void badHexIsRejected() {
        for (String spec : new String[] {"hex:00", "hex:" + "ff".repeat(20), "hex:" + "ff".repeat(22), "hex:zz",
            "hex:f", "hex:"}) {
            assertThrows(IllegalArgumentException.class, () -> LogonHours.parse(spec), spec);
        }
    }

    @Test
    void wrongBitmapLengthIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> LogonHours.of(168, new byte[20]));
        assertThrows(IllegalArgumentException.class, () -> LogonHours.of(168, new byte[22]));
        assertThrows(IllegalArgumentException.class, () -> LogonHours.of(7, new byte[2]));
        assertThrows(IllegalArgumentException.class, () -> LogonHours.of(10080, new byte[1259]));
        assertThrows(IllegalArgumentException.class, () -> LogonHours.of(0, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> LogonHours.of(10081, new byte[1261]));
        assertEquals(1, LogonHours.of(1, new byte[1]).bitmap().length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Mon", "Mon 08", "Mon 08-18 extra", "Xyz 08-18", "Mon-Fri 18-08", "Mon 08-08", "Mon 08-25",
        "Mon -1-5", "Mon aa-bb", "Mon-Tue-Wed 08-18", "08-18", "Mon 08-18;; Foo 01-02"})
    void badDaySpecsAreRejected(String spec) {
        assertThrows(IllegalArgumentException.class, () -> LogonHours.parse(spec));
    }

    @Test
    void bitmapIsCopiedInAndOut() {
        byte[] bits = new byte[21];
        LogonHours h = LogonHours.of(168, bits);
        bits[0] = 1;
        assertFalse(h.allows(SUNDAY));
        h.bitmap()[0] = 1;
        assertFalse(h.allows(SUNDAY));
    }

    @Test
    void nextForbiddenAfter() {
        LogonHours h = LogonHours.parse("Mon-Fri 08-18");
        assertEquals(Optional.of(at("2024-01-08T18:00:00Z")), h.nextForbiddenAfter(at("2024-01-08T10:17:42Z")));
        assertEquals(Optional.of(at("2024-01-12T18:00:00Z")), h.nextForbiddenAfter(at("2024-01-12T17:30:00Z")));
        assertEquals(Optional.empty(), LogonHours.ALWAYS.nextForbiddenAfter(at("2024-01-08T10:00:00Z")));
        // allowed across the week boundary: Sat 20:00 to Sun 02:00
        LogonHours late = LogonHours.parse("Sat 20-24; Sun 00-02");
        assertEquals(Optional.of(at("2024-01-14T02:00:00Z")), late.nextForbiddenAfter(at("2024-01-13T21:00:00Z")));
        assertEquals(Optional.of(at("2024-01-07T02:00:00Z")), late.nextForbiddenAfter(at("2024-01-07T01:59:00Z")));
        // every hour but one
        LogonHours allButOne = LogonHours.parse("hex:" + "ff".repeat(10) + "fe" + "ff".repeat(10)); // unit 80 = Wed 08
        assertEquals(Optional.of(at("2024-01-10T08:00:00Z")), allButOne.nextForbiddenAfter(at("2024-01-08T00:00:00Z")));
        assertEquals(Optional.of(at("2024-01-17T08:00:00Z")), allButOne.nextForbiddenAfter(at("2024-01-10T09:00:00Z")));
    }

    @Test
    void nextForbiddenAfterWithDailyUnits() {
        LogonHours weekdays = LogonHours.of(7, new byte[] {0b0111110}); // Mon..Fri
        assertEquals(Optional.of(at("2024-01-13T00:00:00Z")), weekdays.nextForbiddenAfter(at("2024-01-09T15:00:00Z")));
    }

    @Provide
    Arbitrary<byte[]> bitmaps() {
        Arbitrary<Byte> b = Arbitraries.oneOf(Arbitraries.bytes(), Arbitraries.of((byte) 0, (byte) 0xFF));
        return b.array(byte[].class).ofSize(21);
    }

    @Property(tries = 300)
    void specRoundTrips(@ForAll("bitmaps") byte[] bitmap) {
        LogonHours h = LogonHours.of(168, bitmap);
        LogonHours back = LogonHours.parse(h.toSpec());
        assertEquals(h, back, h.toSpec());
        assertArrayEquals(bitmap, back.bitmap());
        assertEquals(h, LogonHours.parse("hex:" + HexFormat.of().formatHex(bitmap)));
    }

    @Property(tries = 200)
    void allowsMatchesTheBitmap(@ForAll("bitmaps") byte[] bitmap, @ForAll("minutesOfWeek") int minute) {
        LogonHours h = LogonHours.of(168, bitmap);
        int idx = minute / 60;
        boolean expected = (bitmap[idx / 8] & (1 << (idx % 8))) != 0;
        assertEquals(expected, h.allows(SUNDAY.plusSeconds(minute * 60L).plusSeconds(3 * 7 * 86400L)));
    }

    @Provide
    Arbitrary<Integer> minutesOfWeek() {
        return Arbitraries.integers().between(0, LogonHours.MINUTES_PER_WEEK - 1);
    }
}
