package org.openlsa.idmap;

import java.util.Objects;
import org.openlsa.core.LsaException;
import org.openlsa.core.Sid;

/**
 * One question {@code lsa idmap} asks, in process or through the daemon (docs/ipc.md, MAP_IDS): a SID's uid or gid,
 * or an id's SID.
 */
public sealed interface IdQuery {
    /** Which space the answer lives in (for a SID) or the id comes from (for an id). */
    IdKind kind();

    /** The answer of {@code map}. */
    IdMapResult ask(IdMap map) throws LsaException;

    /** The uid ({@link IdKind#USER}) or gid ({@link IdKind#GROUP}) of a SID. */
    record OfSid(Sid sid, IdKind kind) implements IdQuery {
        public OfSid {
            Objects.requireNonNull(sid, "sid");
            Objects.requireNonNull(kind, "kind");
        }

        @Override
        public IdMapResult ask(IdMap map) throws LsaException {
            return map.toUnix(sid, kind);
        }
    }

    /** The SID of a uid ({@link IdKind#USER}) or gid ({@link IdKind#GROUP}), 0 to 2^32-2. */
    record OfId(long id, IdKind kind) implements IdQuery {
        public OfId {
            Objects.requireNonNull(kind, "kind");
            if (id < 0 || id >= UnixAccounts.NO_ID) {
                throw new IllegalArgumentException(kind.label() + " must be 0..4294967294, not " + id);
            }
        }

        @Override
        public IdMapResult ask(IdMap map) throws LsaException {
            return map.toSid(id, kind);
        }
    }
}
