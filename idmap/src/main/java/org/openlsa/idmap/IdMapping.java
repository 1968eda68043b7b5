package org.openlsa.idmap;

import java.util.Objects;
import java.util.Optional;

import org.openlsa.core.Sid;

/**
 * One SID and its Unix id, with the rule that joined them and, when known, the principal's name (DOMAIN\name or a
 * well-known name) for display.
 *
 * @param sid    the security principal
 * @param kind   uid or gid space
 * @param id     the uid or gid, 0 to 2^32-2
 * @param source the rule of docs/idmap.md that applies
 * @param name   the principal's name, when the account store or the well-known table knows it
 */
public record IdMapping(Sid sid, IdKind kind, long id, IdSource source, Optional<String> name) {
    public IdMapping {
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(name, "name");
        if (id < 0 || id >= UnixAccounts.NO_ID) {
            throw new IllegalArgumentException(kind.label() + " must be 0..4294967294, not " + id);
        }
    }
}
