package org.openlsa.daemon;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.openlsa.host.StateLayout;

/**
 * The KDC could not listen where it was told to. The message names the address and port, the operating system's
 * reason, and how to choose another port or turn the KDC off, so a user sees what to do rather than a stack trace.
 */
public final class KdcBindException extends IOException {
    private static final long serialVersionUID = 1L;

    KdcBindException(String message, IOException cause) {
        super(message, cause);
    }

    static KdcBindException of(String endpoint, Path stateDirectory, IOException cause) {
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        String r = reason.toLowerCase(Locale.ROOT);
        String why;
        if (r.contains("in use")) {
            why = "something else (a system krb5kdc or Samba, or the KDC of another state directory) listens there";
        } else if (r.contains("permission denied") || r.contains("access denied")) {
            why = "ports below 1024 need root or the CAP_NET_BIND_SERVICE capability";
        } else if (r.contains("assign requested address")) {
            why = "that address is not one of this host's";
        } else {
            why = "the operating system refused it";
        }
        return new KdcBindException("cannot serve the KDC on " + endpoint + " (udp+tcp): " + reason + " (" + why
                + "). Choose another port with 'port = N' (or address with 'address = A') in "
                + StateLayout.of(stateDirectory).kdcConfig() + ", or on the command line (lsa serve --kdc-port N,"
                + " lsa kdc --port N); 'enabled = false' or lsa serve --no-kdc runs no KDC.", cause);
    }
}
