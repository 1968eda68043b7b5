package org.openlsa.engine.spi.logon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openlsa.engine.spi.logon.Layouts.le;
import static org.openlsa.engine.spi.logon.Layouts.plain;
import static org.openlsa.engine.spi.logon.Layouts.secret;
import static org.openlsa.engine.spi.logon.Layouts.utf16;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.openlsa.core.LsaException;

/**
 * The layout MSV1_0_CHANGEPASSWORD_REQUEST (MsV1_0ChangePassword, 5) and KERB_CHANGEPASSWORD_REQUEST
 * (KerbChangePasswordMessage, 7) share.
 */
class ChangePasswordRequestTest {
    private static final int MSV1_0_CHANGE_PASSWORD = 5;

    private static void assertSameRequest(ChangePasswordRequest expected, ChangePasswordRequest actual) {
        assertEquals(expected.domainName(), actual.domainName());
        assertEquals(expected.accountName(), actual.accountName());
        assertTrue(expected.oldPassword().equalsConstantTime(actual.oldPassword()), "old password");
        assertTrue(expected.newPassword().equalsConstantTime(actual.newPassword()), "new password");
        assertEquals(expected.impersonating(), actual.impersonating());
    }

    @Test
    void requestRoundTrip() throws LsaException {
        for (boolean impersonating : new boolean[] {false, true}) {
            ChangePasswordRequest req = new ChangePasswordRequest("CONTOSO", "alice", secret("old \u00e9"),
                    secret("N3w!\ud83d\ude00"), impersonating);
            byte[] wire = plain(req.encode(MSV1_0_CHANGE_PASSWORD));
            assertSameRequest(req, ChangePasswordRequest.decode(wire));
            assertEquals(impersonating ? 1 : 0, wire[72]);
        }
    }

    @Test
    void requestLayout() {
        byte[] wire = plain(new ChangePasswordRequest("D", "a", secret("o"), secret("n"), true).encode(7));
        ByteBuffer b = le(wire);
        assertEquals(ChangePasswordRequest.FIXED_SIZE + 8, wire.length);
        assertEquals(80, ChangePasswordRequest.FIXED_SIZE);
        assertEquals(7, b.getInt(0));
        assertEquals(80L, b.getLong(16));   // DomainName
        assertEquals(82L, b.getLong(32));   // AccountName
        assertEquals(84L, b.getLong(48));   // OldPassword
        assertEquals(86L, b.getLong(64));   // NewPassword
        assertEquals(1, wire[72]);
        assertArrayEquals(utf16("Daon"), Arrays.copyOfRange(wire, 80, 88));
    }

    @Test
    void requestWithEmptyStrings() throws LsaException {
        ChangePasswordRequest req = new ChangePasswordRequest("", "", secret(""), secret(""), false);
        byte[] wire = plain(req.encode(MSV1_0_CHANGE_PASSWORD));
        assertEquals(80, wire.length);
        assertSameRequest(req, ChangePasswordRequest.decode(wire));
    }

    @Test
    void anyNonZeroImpersonatingByteIsTrue() throws LsaException {
        byte[] wire = plain(new ChangePasswordRequest("", "", secret(""), secret(""), false)
                .encode(MSV1_0_CHANGE_PASSWORD));
        wire[72] = (byte) 0x80;
        assertEquals(true, ChangePasswordRequest.decode(wire).impersonating());
    }

    /** Encoding reads both passwords in place and leaves them to the request; the result is a secret of its own. */
    @Test
    void encodesIntoASecret() {
        ChangePasswordRequest req = new ChangePasswordRequest("", "", secret("a"), secret("b"), false);
        var wire = req.encode(MSV1_0_CHANGE_PASSWORD);
        assertFalse(req.oldPassword().isDestroyed());
        wire.close();
        assertTrue(wire.isDestroyed());
        assertTrue(req.newPassword().equalsConstantTime(utf16("b")));
    }

    @Test
    void closeDestroysBothPasswords() {
        ChangePasswordRequest req = new ChangePasswordRequest("", "", secret("a"), secret("b"), false);
        req.close();
        assertEquals(true, req.oldPassword().isDestroyed());
        assertEquals(true, req.newPassword().isDestroyed());
    }
}
