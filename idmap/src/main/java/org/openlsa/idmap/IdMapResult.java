package org.openlsa.idmap;

import java.util.Objects;

import org.openlsa.core.LsaException;

/** The answer to one mapping question: a mapping, or a typed refusal with a message that says why. */
public sealed interface IdMapResult {

    /** The mapping; LsaException with the refusal's status when there is none. */
    IdMapping orThrow() throws LsaException;

    record Mapped(IdMapping mapping) implements IdMapResult {
        public Mapped {
            Objects.requireNonNull(mapping, "mapping");
        }

        @Override
        public IdMapping orThrow() {
            return mapping;
        }
    }

    record Refused(IdRefusal reason, String detail) implements IdMapResult {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public IdMapping orThrow() throws LsaException {
            throw new LsaException(reason.status(), detail);
        }
    }
}
