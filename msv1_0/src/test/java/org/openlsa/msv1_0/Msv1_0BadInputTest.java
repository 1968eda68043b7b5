package org.openlsa.msv1_0;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openlsa.msv1_0.CodecAssertions.assertRejected;
import static org.openlsa.msv1_0.CodecAssertions.descriptor;
import static org.openlsa.msv1_0.CodecAssertions.le;
import static org.openlsa.msv1_0.CodecAssertions.secret;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openlsa.engine.spi.logon.ChangePasswordRequest;
import org.openlsa.engine.spi.logon.InteractiveLogon;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;

/**
 * Hostile buffers: each codec's documented status (INVALID_PARAMETER for bounds, BAD_VALIDATION_CLASS for a wrong
 * MessageType), and never any other exception type.
 */
class Msv1_0BadInputTest {
    private static final NtStatus INVALID = NtStatus.INVALID_PARAMETER;
    private static final NtStatus BAD_CLASS = NtStatus.BAD_VALIDATION_CLASS;
    private static final CodecAssertions.Decoder LOGON = Msv1_0InteractiveLogonCodec::decode;
    private static final CodecAssertions.Decoder PROFILE = Msv1_0InteractiveProfileCodec::decode;
    private static final CodecAssertions.Decoder CHANGE = ChangePasswordRequest::decode;

    private static byte[] interactive() {
        return CodecAssertions.encode(
                new InteractiveLogon("CONTOSO", "alice", secret("Password1"), Optional.empty()));
    }

    private static byte[] unlock() {
        return CodecAssertions.encode(
                new InteractiveLogon("CONTOSO", "alice", secret("Password1"), Optional.of(new Luid(0x1234))));
    }

    private static byte[] profile() {
        return Msv1_0InteractiveProfileCodec.encode(CodecAssertions.profileSample());
    }

    private static byte[] change() {
        return CodecAssertions.encode(new ChangePasswordRequest("CONTOSO", "alice", secret("old"), secret("new"), false));
    }

    @Test
    void emptyBufferIsInvalidParameter() {
        assertRejected(INVALID, LOGON, new byte[0]);
        assertRejected(INVALID, PROFILE, new byte[0]);
        assertRejected(INVALID, CHANGE, new byte[0]);
        assertThrowsInvalid(() -> Msv1_0InteractiveLogonCodec.messageType(new byte[3]));
    }

    private static void assertThrowsInvalid(org.junit.jupiter.api.function.Executable e) {
        LsaException x = org.junit.jupiter.api.Assertions.assertThrows(LsaException.class, e);
        org.junit.jupiter.api.Assertions.assertEquals(INVALID, x.status());
    }

    /** Every proper prefix of a valid buffer: the fixed part (lengths 0..55) and then the string data. */
    @Test
    void everyTruncationOfAnInteractiveLogon() {
        byte[] valid = interactive();
        for (int n = 0; n < valid.length; n++) {
            assertRejected(INVALID, LOGON, Arrays.copyOf(valid, n));
        }
    }

    @Test
    void everyTruncationOfAnUnlockLogon() {
        byte[] valid = unlock();
        for (int n = 0; n < valid.length; n++) {
            assertRejected(INVALID, LOGON, Arrays.copyOf(valid, n));
        }
    }

    @Test
    void everyTruncationOfAProfileAndAChangePasswordRequest() {
        byte[] p = profile();
        for (int n = 0; n < p.length; n++) {
            assertRejected(INVALID, PROFILE, Arrays.copyOf(p, n));
        }
        byte[] c = change();
        for (int n = 0; n < c.length; n++) {
            assertRejected(INVALID, CHANGE, Arrays.copyOf(c, n));
        }
    }

    @Test
    void interactiveFixedPartIsNotEnoughForUnlock() {
        byte[] b = new byte[56];
        le(b).putInt(0, 7);
        for (int n = 4; n < 64; n++) {
            assertRejected(INVALID, LOGON, Arrays.copyOf(b, n));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 4, 5, 6, 8, 12, 13, 82, 83, 84, -1, 0x10000002, 0x02000000})
    void otherMessageTypesAreBadValidationClass(int type) {
        byte[] b = interactive();
        le(b).putInt(0, type);
        assertRejected(BAD_CLASS, LOGON, b);
        // the MessageType is judged before the length of its structure
        assertRejected(BAD_CLASS, LOGON, Arrays.copyOf(b, 4));
        assertRejected(BAD_CLASS, LOGON, Arrays.copyOf(b, 20));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 4, 5, 7, -1, 0x00020000})
    void otherProfileTypesAreBadValidationClass(int type) {
        byte[] b = profile();
        le(b).putInt(0, type);
        assertRejected(BAD_CLASS, PROFILE, b);
        assertRejected(INVALID, PROFILE, Arrays.copyOf(b, 159)); // too short for any profile: INVALID_PARAMETER
    }

    /** Corrupts one descriptor of a valid buffer in each way the bounds checks forbid. */
    private static void assertEachDescriptorCorruptionRejected(CodecAssertions.Decoder d, byte[] valid, int fixed,
                                                               List<Integer> descriptors, NtStatus status) {
        for (int at : descriptors) {
            long offset = le(valid).getLong(at + 8);
            int length = le(valid).getShort(at) & 0xFFFF;
            List<long[]> bad = List.of(
                    new long[] {length, length, valid.length},                 // starts at the end
                    new long[] {2, 2, valid.length - 1},                       // runs past the end by one byte
                    new long[] {length, length + 2, valid.length - length},    // MaximumLength past the end
                    new long[] {2, 0xFFFE, offset},                            // huge MaximumLength
                    new long[] {3, 4, fixed},                                  // odd Length
                    new long[] {1, 1, fixed},                                  // odd Length
                    new long[] {4, 2, fixed},                                  // Length > MaximumLength
                    new long[] {2, 2, 0},                                      // NULL Buffer with Length
                    new long[] {2, 2, 8},                                      // inside the fixed part
                    new long[] {2, 2, fixed - 2},                              // last bytes of the fixed part
                    new long[] {2, 2, 0x7FFFFFFFL},
                    new long[] {2, 2, 0xFFFFFFFFL},
                    new long[] {2, 2, 0x1_0000_0000L + fixed},                 // valid offset + 2^32
                    new long[] {2, 2, -1L},
                    new long[] {2, 2, Long.MIN_VALUE + fixed});
            for (long[] c : bad) {
                byte[] b = valid.clone();
                descriptor(b, at, (int) c[0], (int) c[1], c[2]);
                LsaException e = assertRejected(status, d, b);
                assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
            }
        }
    }

    @Test
    void corruptDescriptorsInAnInteractiveLogon() {
        assertEachDescriptorCorruptionRejected(LOGON, interactive(), 56, List.of(8, 24, 40), INVALID);
    }

    @Test
    void corruptDescriptorsInAnUnlockLogon() {
        assertEachDescriptorCorruptionRejected(LOGON, unlock(), 64, List.of(8, 24, 40), INVALID);
        // offset 56 is a string for the interactive form but the LogonId of the unlock form
        byte[] b = unlock();
        descriptor(b, 8, 2, 2, 56);
        assertRejected(INVALID, LOGON, b);
    }

    @Test
    void corruptDescriptorsInAProfile() {
        assertEachDescriptorCorruptionRejected(PROFILE, profile(), 160, List.of(56, 72, 88, 104, 120, 136), INVALID);
    }

    @Test
    void corruptDescriptorsInAChangePasswordRequest() {
        assertEachDescriptorCorruptionRejected(CHANGE, change(), 80, List.of(8, 24, 40, 56), INVALID);
    }

    // --- properties: nothing but LsaException, with a documented status, ever escapes a decoder -------------------

    private static void onlyDocumentedFailures(CodecAssertions.Decoder d, byte[] input, NtStatus... allowed) {
        try {
            d.decode(input);
        } catch (LsaException e) {
            assertTrue(Arrays.asList(allowed).contains(e.status()), e.status() + ": " + e.getMessage());
        }
        // any other Throwable propagates and fails the property
    }

    @Provide
    Arbitrary<byte[]> randomBuffers() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    }

    /** Valid buffers with a few bytes overwritten: reaches the descriptor checks far more often than noise. */
    @Provide
    Arbitrary<byte[]> mutatedBuffers() {
        Arbitrary<byte[]> base = Arbitraries.of(interactive(), unlock(), profile(), change());
        return base.flatMap(b -> Arbitraries.integers().between(0, b.length - 1).list().ofMinSize(1).ofMaxSize(4)
                .flatMap(positions -> Arbitraries.bytes().list().ofSize(positions.size()).map(values -> {
                    byte[] m = b.clone();
                    for (int i = 0; i < positions.size(); i++) {
                        m[positions.get(i)] = values.get(i);
                    }
                    return m;
                })));
    }

    @Property(tries = 1000)
    void randomBytesOnlyEverGiveLsaException(@ForAll("randomBuffers") byte[] input) {
        onlyDocumentedFailures(LOGON, input, INVALID, BAD_CLASS);
        onlyDocumentedFailures(PROFILE, input, INVALID, BAD_CLASS);
        onlyDocumentedFailures(CHANGE, input, INVALID);
        onlyDocumentedFailures(Msv1_0ChangePasswordResponse::decode, input, INVALID);
    }

    @Property(tries = 2000)
    void mutatedBuffersOnlyEverGiveLsaException(@ForAll("mutatedBuffers") byte[] input) {
        onlyDocumentedFailures(LOGON, input, INVALID, BAD_CLASS);
        onlyDocumentedFailures(PROFILE, input, INVALID, BAD_CLASS);
        onlyDocumentedFailures(CHANGE, input, INVALID);
    }
}
