package org.openlsa.kcm;

import java.util.List;
import java.util.UUID;
import org.openlsa.krb5.files.Credential;
import org.openlsa.krb5.files.Principal;

/**
 * A KCM request, decoded by {@link KcmRequests#decode}: one record per served opcode with the arguments kcm.h lists
 * for it, plus {@link Unserved} for a known opcode this server does not do and {@link Unknown} for any other number.
 * Requests that carry credentials own their session keys until the service takes them.
 */
public sealed interface KcmRequest {
    /** A request naming one cache (its first argument). */
    sealed interface Named extends KcmRequest {
        String name();
    }

    record Noop() implements KcmRequest {}

    record GenNew() implements KcmRequest {}

    record Initialize(String name, Principal principal) implements Named {}

    record Destroy(String name) implements Named {}

    record Store(String name, Credential credential) implements Named {}

    record Retrieve(String name, CredentialTag tag) implements Named {}

    record GetPrincipal(String name) implements Named {}

    record GetCredUuidList(String name) implements Named {}

    record GetCredByUuid(String name, UUID uuid) implements Named {}

    record RemoveCred(String name, CredentialTag tag) implements Named {}

    record GetCacheUuidList() implements KcmRequest {}

    record GetCacheByUuid(UUID uuid) implements KcmRequest {}

    record GetDefaultCache() implements KcmRequest {}

    record SetDefaultCache(String name) implements Named {}

    record GetKdcOffset(String name) implements Named {}

    record SetKdcOffset(String name, int offsetSeconds) implements Named {}

    record GetCredList(String name) implements Named {}

    /** MIT's atomic reinitialisation: principal, KDC offset and every credential at once. */
    record Replace(String name, int offsetSeconds, Principal principal, List<Credential> credentials)
            implements Named {
        public Replace {
            credentials = List.copyOf(credentials);
        }
    }

    record Unserved(KcmOpcode opcode) implements KcmRequest {}

    record Unknown(int code) implements KcmRequest {}

    /** Destroys the session keys a request carries (when it was not handed to a cache). */
    static void destroyKeys(KcmRequest r) {
        switch (r) {
            case Store s -> s.credential().key().key().destroy();
            case Replace rp -> rp.credentials().forEach(c -> c.key().key().destroy());
            default -> { }
        }
    }
}
