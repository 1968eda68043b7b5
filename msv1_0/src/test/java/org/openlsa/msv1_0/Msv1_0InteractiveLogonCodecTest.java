package org.openlsa.msv1_0;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openlsa.msv1_0.CodecAssertions.assertSameLogon;
import static org.openlsa.msv1_0.CodecAssertions.descriptor;
import static org.openlsa.msv1_0.CodecAssertions.le;
import static org.openlsa.msv1_0.CodecAssertions.secret;
import static org.openlsa.msv1_0.CodecAssertions.utf16;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;

class Msv1_0InteractiveLogonCodecTest {

    @Test
    void interactiveRoundTrip() throws LsaException {
        Msv1_0InteractiveLogon logon = new Msv1_0InteractiveLogon("CONTOSO", "alice", secret("P\u00e4ssw\u00f6rd\u20ac"),
                Optional.empty());
        byte[] wire = Msv1_0InteractiveLogonCodec.encode(logon);
        try (Msv1_0InteractiveLogon back = Msv1_0InteractiveLogonCodec.decode(wire)) {
            assertSameLogon(logon, back);
            assertEquals(Msv1_0SubmitType.INTERACTIVE_LOGON, back.submitType());
        }
        assertEquals(2, Msv1_0InteractiveLogonCodec.messageType(wire));
    }

    @Test
    void unlockRoundTrip() throws LsaException {
        Msv1_0InteractiveLogon logon = new Msv1_0InteractiveLogon("WS01", "bob", secret("hunter2"),
                Optional.of(Luid.of(0x12, 0x89ABCDEF)));
        byte[] wire = Msv1_0InteractiveLogonCodec.encode(logon);
        Msv1_0InteractiveLogon back = Msv1_0InteractiveLogonCodec.decode(wire);
        assertSameLogon(logon, back);
        assertEquals(Msv1_0SubmitType.WORKSTATION_UNLOCK_LOGON, back.submitType());
        assertEquals(7, le(wire).getInt(0));
        assertEquals(0x0000001289ABCDEFL, le(wire).getLong(56));
        assertEquals(64L, le(wire).getLong(16), "strings follow the 64-byte unlock structure");
    }

    @Test
    void emptyStringsAreNullDescriptors() throws LsaException {
        Msv1_0InteractiveLogon logon = new Msv1_0InteractiveLogon("", "", secret(""), Optional.empty());
        byte[] wire = Msv1_0InteractiveLogonCodec.encode(logon);
        assertEquals(Msv1_0InteractiveLogonCodec.INTERACTIVE_SIZE, wire.length);
        byte[] expected = new byte[56];
        expected[0] = 2;
        assertArrayEquals(expected, wire);
        assertSameLogon(logon, Msv1_0InteractiveLogonCodec.decode(wire));
    }

    /** The encoder's exact layout: descriptors at 8/24/40, Buffer offsets from the structure start. */
    @Test
    void encodedLayout() {
        byte[] wire = Msv1_0InteractiveLogonCodec.encode(
                new Msv1_0InteractiveLogon("DOM", "user", secret("pw"), Optional.empty()));
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
        Msv1_0InteractiveLogon logon = Msv1_0InteractiveLogonCodec.decode(buf);
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
        Msv1_0InteractiveLogon logon = Msv1_0InteractiveLogonCodec.decode(buf);
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
        Msv1_0InteractiveLogon logon = Msv1_0InteractiveLogonCodec.decode(buf);
        assertEquals("same", logon.logonDomainName());
        assertEquals("same", logon.userName());
        assertTrue(logon.password().equalsConstantTime(utf16("sa")));
    }

    @Test
    void closeDestroysThePassword() {
        Msv1_0InteractiveLogon logon = new Msv1_0InteractiveLogon("d", "u", secret("pw"), Optional.empty());
        logon.close();
        assertTrue(logon.password().isDestroyed());
    }
}
