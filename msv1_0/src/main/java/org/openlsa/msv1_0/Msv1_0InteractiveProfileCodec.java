package org.openlsa.msv1_0;

import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.core.wire.WireReader;
import org.openlsa.engine.spi.logon.InteractiveProfile;
import org.openlsa.engine.spi.logon.InteractiveProfileCodec;

/**
 * MSV1_0_INTERACTIVE_PROFILE: the shared {@link InteractiveProfile} layout ({@link InteractiveProfileCodec},
 * docs/msv1_0-structures.md) under the MSV1_0 profile type MsV1_0InteractiveProfile (2).
 */
public final class Msv1_0InteractiveProfileCodec {
    private Msv1_0InteractiveProfileCodec() {}

    /** MsV1_0InteractiveProfile. */
    public static final int MESSAGE_TYPE = 2;
    public static final int FIXED_SIZE = InteractiveProfileCodec.FIXED_SIZE;

    public static byte[] encode(InteractiveProfile p) {
        return InteractiveProfileCodec.encode(p, MESSAGE_TYPE);
    }

    /** Decodes; INVALID_PARAMETER for a short buffer or a string outside it, BAD_VALIDATION_CLASS for another type. */
    public static InteractiveProfile decode(byte[] buffer) throws LsaException {
        WireReader r = WireReader.over(buffer);
        r.requireLength(FIXED_SIZE, "MSV1_0_INTERACTIVE_PROFILE");
        int type = r.u32(0);
        if (type != MESSAGE_TYPE) {
            throw new LsaException(NtStatus.BAD_VALIDATION_CLASS, "profile MessageType " + type
                    + " is not MsV1_0InteractiveProfile (2)");
        }
        return InteractiveProfileCodec.read(r, FIXED_SIZE);
    }
}
