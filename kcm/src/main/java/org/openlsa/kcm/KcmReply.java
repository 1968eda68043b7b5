package org.openlsa.kcm;

import java.util.Arrays;
import java.util.Objects;

/**
 * A KCM reply: the status and the marshalled reply data. The payload may hold session keys (RETRIEVE,
 * GET_CRED_LIST), so the daemon {@link #wipe()}s it once written. {@code detail} says why a request failed, for the
 * daemon's log: never sent, never holding secrets.
 */
public final class KcmReply {
    private final KcmStatus status;
    private final byte[] payload;
    private final String detail;

    KcmReply(KcmStatus status, byte[] payload, String detail) {
        this.status = Objects.requireNonNull(status);
        this.payload = payload;
        this.detail = detail;
    }

    static KcmReply ok(byte[] payload) {
        return new KcmReply(KcmStatus.SUCCESS, payload, "");
    }

    static KcmReply error(KcmException e) {
        return new KcmReply(e.status(), new byte[0], e.getMessage());
    }

    public KcmStatus status() {
        return status;
    }

    public String detail() {
        return detail;
    }

    /**
     * The reply as it goes on the wire inside the IPC framing: int32 status, then the data (MIT reads no data after
     * a non-zero status).
     */
    public byte[] encode() {
        byte[] out = new byte[4 + payload.length];
        int c = status.code();
        out[0] = (byte) (c >>> 24);
        out[1] = (byte) (c >>> 16);
        out[2] = (byte) (c >>> 8);
        out[3] = (byte) c;
        System.arraycopy(payload, 0, out, 4, payload.length);
        return out;
    }

    /** Zeroes the payload (which {@link #encode()} copied; the caller wipes that copy too). */
    public void wipe() {
        Arrays.fill(payload, (byte) 0);
    }
}
