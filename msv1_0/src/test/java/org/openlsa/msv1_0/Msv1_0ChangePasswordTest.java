package org.openlsa.msv1_0;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.openlsa.msv1_0.CodecAssertions.assertRejected;
import static org.openlsa.msv1_0.CodecAssertions.assertSameRequest;
import static org.openlsa.msv1_0.CodecAssertions.le;
import static org.openlsa.msv1_0.CodecAssertions.secret;
import static org.openlsa.msv1_0.CodecAssertions.utf16;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;

class Msv1_0ChangePasswordTest {

    @Test
    void requestRoundTrip() throws LsaException {
        for (boolean impersonating : new boolean[] {false, true}) {
            Msv1_0ChangePasswordRequest req = new Msv1_0ChangePasswordRequest("CONTOSO", "alice", secret("old \u00e9"),
                    secret("N3w!\ud83d\ude00"), impersonating);
            byte[] wire = req.encode();
            assertSameRequest(req, Msv1_0ChangePasswordRequest.decode(wire));
            assertEquals(impersonating ? 1 : 0, wire[72]);
        }
    }

    @Test
    void requestLayout() {
        byte[] wire = new Msv1_0ChangePasswordRequest("D", "a", secret("o"), secret("n"), true).encode();
        ByteBuffer b = le(wire);
        assertEquals(Msv1_0ChangePasswordRequest.FIXED_SIZE + 8, wire.length);
        assertEquals(80, Msv1_0ChangePasswordRequest.FIXED_SIZE);
        assertEquals(5, b.getInt(0));
        assertEquals(80L, b.getLong(16));   // DomainName
        assertEquals(82L, b.getLong(32));   // AccountName
        assertEquals(84L, b.getLong(48));   // OldPassword
        assertEquals(86L, b.getLong(64));   // NewPassword
        assertEquals(1, wire[72]);
        assertArrayEquals(utf16("Daon"), Arrays.copyOfRange(wire, 80, 88));
    }

    @Test
    void requestWithEmptyStrings() throws LsaException {
        Msv1_0ChangePasswordRequest req = new Msv1_0ChangePasswordRequest("", "", secret(""), secret(""), false);
        byte[] wire = req.encode();
        assertEquals(80, wire.length);
        assertSameRequest(req, Msv1_0ChangePasswordRequest.decode(wire));
    }

    @Test
    void anyNonZeroImpersonatingByteIsTrue() throws LsaException {
        byte[] wire = new Msv1_0ChangePasswordRequest("", "", secret(""), secret(""), false).encode();
        wire[72] = (byte) 0x80;
        assertEquals(true, Msv1_0ChangePasswordRequest.decode(wire).impersonating());
    }

    @Test
    void closeDestroysBothPasswords() {
        Msv1_0ChangePasswordRequest req = new Msv1_0ChangePasswordRequest("", "", secret("a"), secret("b"), false);
        req.close();
        assertEquals(true, req.oldPassword().isDestroyed());
        assertEquals(true, req.newPassword().isDestroyed());
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
