package org.openlsa.msv1_0;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.openlsa.msv1_0.CodecAssertions.assertRejected;
import static org.openlsa.msv1_0.CodecAssertions.assertSameRequest;
import static org.openlsa.msv1_0.CodecAssertions.le;
import static org.openlsa.msv1_0.CodecAssertions.secret;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.openlsa.core.LsaException;
import org.openlsa.engine.spi.logon.ChangePasswordRequest;
import org.openlsa.core.NtStatus;

class Msv1_0ChangePasswordTest {

    /**
     * MSV1_0_CHANGEPASSWORD_REQUEST is the shared layout (engine's ChangePasswordRequestTest) under
     * MsV1_0ChangePassword (5).
     */
    @Test
    void requestUnderTheMsv1_0MessageType() throws LsaException {
        ChangePasswordRequest req = new ChangePasswordRequest("CONTOSO", "alice", secret("old \u00e9"),
                secret("N3w!\ud83d\ude00"), true);
        byte[] wire = CodecAssertions.encode(req);
        assertEquals(5, le(wire).getInt(0));
        assertSameRequest(req, ChangePasswordRequest.decode(wire));
    }

    @Test
    void responseRoundTripAndLayout() throws LsaException {
        Msv1_0ChangePasswordResponse r = new Msv1_0ChangePasswordResponse(true, 8, 24, 0x1, -36288000000000L,
                Msv1_0ChangePasswordResponse.NEVER);
        byte[] wire = r.encode();
        assertEquals(32, wire.length);
        assertEquals(r, Msv1_0ChangePasswordResponse.decode(wire));
        ByteBuffer b = le(wire);
        assertEquals(5, b.getInt(0));
        assertEquals(1, wire[4]);
        assertEquals(8, b.getShort(8));
        assertEquals(24, b.getShort(10));
        assertEquals(1, b.getInt(12));
        assertEquals(-36288000000000L, b.getLong(16));
        assertEquals(0x8000000000000000L, b.getLong(24));
        Msv1_0ChangePasswordResponse invalid = new Msv1_0ChangePasswordResponse(false, 0, 0, 0, 0, 0);
        assertEquals(invalid, Msv1_0ChangePasswordResponse.decode(invalid.encode()));
    }

    @Test
    void shortResponseIsInvalidParameter() {
        byte[] wire = new Msv1_0ChangePasswordResponse(true, 1, 2, 3, 4, 5).encode();
        for (int n = 0; n < 32; n++) {
            assertRejected(NtStatus.INVALID_PARAMETER, Msv1_0ChangePasswordResponse::decode, Arrays.copyOf(wire, n));
        }
    }
}
