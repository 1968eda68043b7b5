package org.openlsa.peers;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What a KCM server did with one request: replied (a status and data), failed it at the transport level (the
 * status word after the length is non-zero; MIT's client reads nothing more), or closed the connection without a
 * reply (MIT's client then reports {@link KcmStatus#KRB5_CC_IO}).
 */
public sealed interface KcmAnswer {
    /** The operation's status: the reply's, the transport's, or KRB5_CC_IO for a closed connection (as MIT sees it). */
    KcmStatus status();

    /** A reply: its status (the first word of the body) and the data after it. */
    record Reply(KcmStatus status, byte[] data) implements KcmAnswer {
        public Reply {
            Objects.requireNonNull(status, "status");
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        /** The data as a NUL-terminated name (GEN_NEW, GET_DEFAULT_CACHE, GET_CACHE_BY_UUID), or null if not one. */
        public String nameOrNull() {
            if (data.length == 0 || data[data.length - 1] != 0) {
                return null;
            }
            for (int i = 0; i < data.length - 1; i++) {
                if (data[i] == 0) {
                    return null;
                }
            }
            return new String(data, 0, data.length - 1, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            String name = nameOrNull();
            return "Reply[" + status + ", " + (name != null ? "name \"" + name + "\""
                    : data.length + " bytes" + (data.length > 0 && data.length <= 32 ? " " + HexFormat.of().formatHex(data)
                    : "")) + "]";
        }
    }

    /** A non-zero transport status (sssd-kcm answers opcodes it knows but does not implement so, with no data). */
    record TransportFailure(KcmStatus status) implements KcmAnswer {
        public TransportFailure {
            Objects.requireNonNull(status, "status");
        }
    }

    /** The server closed the connection instead of replying (sssd-kcm does so for opcodes it does not know). */
    record ConnectionClosed() implements KcmAnswer {
        @Override
        public KcmStatus status() {
            return KcmStatus.KRB5_CC_IO;
        }
    }
}
