package org.openlsa.engine.spi.logon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openlsa.engine.spi.logon.Layouts.descriptor;
import static org.openlsa.engine.spi.logon.Layouts.le;
import static org.openlsa.engine.spi.logon.Layouts.plain;
import static org.openlsa.engine.spi.logon.Layouts.secret;
import static org.openlsa.engine.spi.logon.Layouts.utf16;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.crypto.SecretBytes;

/**
 * The layout MSV1_0_INTERACTIVE_LOGON, KERB_INTERACTIVE_LOGON and their unlock forms share; the MessageType is the
 * package's (2 and 7 here, the values both packages use).
 */
class InteractiveLogonCodecTest {

    private static InteractiveLogon decode(byte[] wire, boolean unlock) throws LsaException {
        return InteractiveLogonCodec.decode(wire, unlock, unlock ? "UNLOCK_LOGON" : "INTERACTIVE_LOGON");
    }

    @Test
    void roundTripsBothForms() throws LsaException {
        for (Optional<Luid> unlock : java.util.List.of(Optional.<Luid>empty(), Optional.of(Luid.of(0x12, 0x89ABCDEF)))) {
            InteractiveLogon logon = new InteractiveLogon("CONTOSO", "alice", secret("P\u00e4ssw\u00f6rd\u20ac"), unlock);
            byte[] wire = plain(InteractiveLogonCodec.encode(logon, unlock.isPresent() ? 7 : 2));
            try (InteractiveLogon back = decode(wire, unlock.isPresent())) {
                assertEquals(logon.logonDomainName(), back.logonDomainName());
                assertEquals(logon.userName(), back.userName());
                assertTrue(logon.password().equalsConstantTime(back.password()));
                assertEquals(unlock, back.unlockLogonId());
            }
            assertEquals(unlock.isPresent() ? 7 : 2, InteractiveLogonCodec.messageType(wire));
        }
    }

    @Test
    void emptyStringsAreNullDescriptors() throws LsaException {
        InteractiveLogon logon = new InteractiveLogon("", "", secret(""), Optional.empty());
        byte[] wire = plain(InteractiveLogonCodec.encode(logon, 2));
        assertEquals(InteractiveLogonCodec.INTERACTIVE_SIZE, wire.length);
        byte[] expected = new byte[56];
        expected[0] = 2;
        assertArrayEquals(expected, wire);
        assertEquals("", decode(wire, false).userName());
    }

    /** The encoder's exact layout: descriptors at 8/24/40, Buffer offsets from the structure start, no slack. */
    @Test
    void encodedLayout() {
        byte[] wire = plain(InteractiveLogonCodec.encode(
                new InteractiveLogon("DOM", "user", secret("pw"), Optional.empty()), 2));
        ByteBuffer b = le(wire);
        assertEquals(56 + 6 + 8 + 4, wire.length);
        assertEquals(2, b.getInt(0));
        assertEquals(0, b.getInt(4));
        assertEquals(6, b.getShort(8));
        assertEquals(6, b.getShort(10));
        assertEquals(56L, b.getLong(16));
        assertEquals(8, b.getShort(24));
        assertEquals(62L, b.getLong(32));
        assertEquals(4, b.getShort(40));
        assertEquals(70L, b.getLong(48));
        assertArrayEquals(utf16("DOMuserpw"), Arrays.copyOfRange(wire, 56, wire.length));
    }

    @Test
    void unlockLayout() {
        byte[] wire = plain(InteractiveLogonCodec.encode(
                new InteractiveLogon("WS01", "bob", secret("hunter2"), Optional.of(Luid.of(0x12, 0x89ABCDEF))), 7));
        assertEquals(7, le(wire).getInt(0));
        assertEquals(0x0000001289ABCDEFL, le(wire).getLong(56));
        assertEquals(64L, le(wire).getLong(16), "strings follow the 64-byte unlock structure");
    }

    /**
     * The structure is born in a secret: closing the result destroys the copy of the password it holds, and the
     * caller's password is neither destroyed nor changed by encoding.
     */
    @Test
    void encodesIntoASecretAndLeavesThePasswordToItsOwner() {
        SecretBytes password = secret("s3cret");
        SecretBytes wire = InteractiveLogonCodec.encode(new InteractiveLogon("D", "u", password, Optional.empty()), 2);
        assertFalse(password.isDestroyed());
        assertTrue(password.equalsConstantTime(utf16("s3cret")));
        wire.close();
        assertTrue(wire.isDestroyed());
        assertFalse(password.isDestroyed());
    }

    /** A buffer built by hand as a Windows caller might: strings in another order, slack, padding bytes set. */
    @Test
    void decodesAHandBuiltBuffer() throws LsaException {
        byte[] buf = new byte[128];
        ByteBuffer b = le(buf);
        b.putInt(0, 2);
        b.putInt(4, 0xCCCCCCCC); // padding is ignored
        // Password "s3cret" at 64, user "Alice" at 80, domain "NT DOMAIN" at 100 with MaximumLength 20
        System.arraycopy(utf16("s3cret"), 0, buf, 64, 12);
        System.arraycopy(utf16("Alice"), 0, buf, 80, 10);
        System.arraycopy(utf16("NT DOMAIN"), 0, buf, 100, 18);
        descriptor(buf, 8, 18, 20, 100);
        descriptor(buf, 24, 10, 10, 80);
        descriptor(buf, 40, 12, 16, 64);
        b.putInt(12, 0xDDDDDDDD); // descriptor padding is ignored too
        InteractiveLogon logon = decode(buf, false);
        assertEquals("NT DOMAIN", logon.logonDomainName());
        assertEquals("Alice", logon.userName());
        assertTrue(logon.password().equalsConstantTime(utf16("s3cret")));
        assertEquals(Optional.empty(), logon.unlockLogonId());
    }

    @Test
    void decodesAHandBuiltUnlockBuffer() throws LsaException {
        byte[] buf = new byte[64 + 4];
        ByteBuffer b = le(buf);
        b.putInt(0, 7);
        b.putLong(56, 0x3E7L);
        System.arraycopy(utf16("pw"), 0, buf, 64, 4);
        descriptor(buf, 40, 4, 4, 64);
        InteractiveLogon logon = decode(buf, true);
        assertEquals(Optional.of(Luid.SYSTEM), logon.unlockLogonId());
        assertEquals("", logon.userName());
        assertTrue(logon.password().equalsConstantTime(utf16("pw")));
    }

    @Test
    void stringsMayShareBytes() throws LsaException {
        // Nothing forbids two descriptors pointing at the same characters.
        byte[] buf = new byte[56 + 8];
        le(buf).putInt(0, 2);
        System.arraycopy(utf16("same"), 0, buf, 56, 8);
        descriptor(buf, 8, 8, 8, 56);
        descriptor(buf, 24, 8, 8, 56);
        descriptor(buf, 40, 4, 8, 56);
        InteractiveLogon logon = decode(buf, false);
        assertEquals("same", logon.logonDomainName());
        assertEquals("same", logon.userName());
        assertTrue(logon.password().equalsConstantTime(utf16("sa")));
    }

    /** Decoding a secret buffer reads it in place: the buffer stays intact for its owner to close. */
    @Test
    void decodesASecretBufferInPlace() throws LsaException {
        try (SecretBytes wire = InteractiveLogonCodec.encode(
                new InteractiveLogon("D", "u", secret("pw"), Optional.empty()), 2);
             InteractiveLogon back = InteractiveLogonCodec.decode(wire, false, "INTERACTIVE_LOGON")) {
            assertTrue(back.password().equalsConstantTime(utf16("pw")));
            assertFalse(wire.isDestroyed());
            assertEquals(2, InteractiveLogonCodec.messageType(wire));
        }
    }

    @Test
    void closeDestroysThePassword() {
        InteractiveLogon logon = new InteractiveLogon("d", "u", secret("pw"), Optional.empty());
        logon.close();
        assertTrue(logon.password().isDestroyed());
    }
}
