package org.openlsa.peers;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What {@code kvno} got: a service ticket, its key version and (from a klist of the cache) its enctypes.
 *
 * @param result the kvno run; on failure its stderr carries MIT's message, e.g. "kvno: Server x@R not found in
 *               Kerberos database while getting credentials for x@R"
 * @param server the service principal as kvno printed it (with realm), when it succeeded
 * @param kvno   the service key's version number
 * @param ticket the cached ticket for {@code server}, with session key and ticket enctypes
 */
public record Kvno(ToolResult result, Optional<String> server, OptionalInt kvno, Optional<KlistTicket> ticket) {
    public Kvno {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(kvno, "kvno");
        Objects.requireNonNull(ticket, "ticket");
    }

    public boolean succeeded() {
        return result.succeeded() && kvno.isPresent();
    }
}
