package org.openlsa.msv1_0;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.openlsa.msv1_0.CodecAssertions.assertRejected;
import static org.openlsa.msv1_0.CodecAssertions.assertSameLogon;
import static org.openlsa.msv1_0.CodecAssertions.le;
import static org.openlsa.msv1_0.CodecAssertions.secret;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.engine.spi.logon.InteractiveLogon;

/**
 * MSV1_0_INTERACTIVE_LOGON and MSV1_0_WORKSTATION_UNLOCK_LOGON: the shared layout (engine's InteractiveLogonCodecTest)
 * under the MSV1_0 submit types.
 */
class Msv1_0InteractiveLogonCodecTest {

    @Test
    void interactiveRoundTrip() throws LsaException {
        InteractiveLogon logon = new InteractiveLogon("CONTOSO", "alice", secret("P\u00e4ssw\u00f6rd\u20ac"),
                Optional.empty());
        byte[] wire = CodecAssertions.encode(logon);
        try (InteractiveLogon back = Msv1_0InteractiveLogonCodec.decode(wire)) {
            assertSameLogon(logon, back);
            assertEquals(Msv1_0SubmitType.INTERACTIVE_LOGON, Msv1_0InteractiveLogonCodec.submitType(back));
        }
        assertEquals(2, Msv1_0InteractiveLogonCodec.messageType(wire));
    }

    @Test
    void unlockRoundTrip() throws LsaException {
        InteractiveLogon logon = new InteractiveLogon("WS01", "bob", secret("hunter2"),
                Optional.of(Luid.of(0x12, 0x89ABCDEF)));
        byte[] wire = CodecAssertions.encode(logon);
        InteractiveLogon back = Msv1_0InteractiveLogonCodec.decode(wire);
        assertSameLogon(logon, back);
        assertEquals(Msv1_0SubmitType.WORKSTATION_UNLOCK_LOGON, Msv1_0InteractiveLogonCodec.submitType(back));
        assertEquals(7, le(wire).getInt(0));
    }

    /** Another package's MessageType on the same layout is not an MSV1_0 logon. */
    @Test
    void otherMessageTypesAreBadValidationClass() {
        byte[] wire = CodecAssertions.encode(new InteractiveLogon("D", "u", secret("pw"), Optional.empty()));
        le(wire).putInt(0, 3);
        assertRejected(NtStatus.BAD_VALIDATION_CLASS, Msv1_0InteractiveLogonCodec::decode, wire);
    }
}
