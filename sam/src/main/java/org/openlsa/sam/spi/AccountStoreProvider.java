package org.openlsa.sam.spi;

import java.net.URI;
import org.openlsa.core.LsaException;
import org.openlsa.sam.AccountStore;

/**
 * A kind of account store (the embedded SQLite file, later a PostgreSQL database or an LDAP directory), found through
 * {@link java.util.ServiceLoader}: a store module {@code provides} it, and the module that opens stores (the
 * composition root, {@code org.openlsa.host}) {@code uses} it. Whoever opens a store names where it lives as a URI
 * and takes the first provider that {@link #handles} it, so adding a store needs no change to its callers.
 *
 * <p>Implementations are stateless and thread-safe; each call opens or changes the store at the location it is given.
 * A provider needs a public no-argument constructor (the class path's {@code META-INF/services} form, used by the
 * tests, requires one).
 */
public interface AccountStoreProvider {

    /** A short name for messages and configuration, such as {@code sqlite}. */
    String name();

    /** Whether {@code location} names a store of this kind (its scheme and form), whether or not it exists yet. */
    boolean handles(URI location);

    /**
     * Opens the existing store at {@code location}, migrating an older schema.
     *
     * @throws LsaException OBJECT_NAME_NOT_FOUND when no store is there; NOT_SUPPORTED for a store of a newer schema
     *     than this release knows; another status when the store cannot be opened
     */
    AccountStore open(URI location) throws LsaException;

    /**
     * Creates an empty store (its schema, no domain yet) at {@code location}, for provisioning a new domain into it
     * ({@link org.openlsa.sam.DomainProvisioning}).
     *
     * @throws LsaException OBJECT_NAME_COLLISION when a store is already there (it is never overwritten)
     */
    AccountStore create(URI location) throws LsaException;

    /**
     * Removes the store at {@code location} and whatever belongs to it (after a provisioning that failed, so it
     * blocks no later attempt); nothing when none is there. The store must be closed.
     */
    void delete(URI location) throws LsaException;
}
