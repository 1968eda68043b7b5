package org.openlsa.msv1_0;

import org.openlsa.core.LsaException;
import org.openlsa.core.wire.WireReader;
import org.openlsa.core.wire.WireWriter;

/**
 * MSV1_0_CHANGEPASSWORD_RESPONSE: {MessageType; BOOLEAN PasswordInfoValid; DOMAIN_PASSWORD_INFORMATION
 * {USHORT MinPasswordLength; USHORT PasswordHistoryLength; ULONG PasswordProperties; LARGE_INTEGER MaxPasswordAge;
 * LARGE_INTEGER MinPasswordAge}}. 64-bit layout: 0, 4, and the domain information at 8 (8, 10, 12, 16, 24); size 32.
 * Ages are negative 100 ns intervals as MS-SAMR stores them; "never" is 0x8000000000000000.
 */
public record Msv1_0ChangePasswordResponse(boolean passwordInfoValid, int minPasswordLength, int passwordHistoryLength,
                                           int passwordProperties, long maxPasswordAge, long minPasswordAge) {
    public static final int SIZE = 32;
    public static final long NEVER = Long.MIN_VALUE;
    /** PasswordProperties bit DOMAIN_PASSWORD_COMPLEX (MS-SAMR 2.2.1.3): the complexity rule is on. */
    public static final int DOMAIN_PASSWORD_COMPLEX = 0x1;

    public byte[] encode() {
        WireWriter w = new WireWriter(SIZE);
        w.u32(0, Msv1_0ProtocolMessageType.CHANGE_PASSWORD.value()).u8(4, passwordInfoValid ? 1 : 0)
                .u16(8, minPasswordLength).u16(10, passwordHistoryLength).u32(12, passwordProperties)
                .u64(16, maxPasswordAge).u64(24, minPasswordAge);
        return w.toBytes();
    }

    public static Msv1_0ChangePasswordResponse decode(byte[] buffer) throws LsaException {
        WireReader r = WireReader.over(buffer);
        r.requireLength(SIZE, "MSV1_0_CHANGEPASSWORD_RESPONSE");
        return new Msv1_0ChangePasswordResponse(r.u8(4) != 0, r.u16(8), r.u16(10), r.u32(12), r.u64(16), r.u64(24));
    }
}
