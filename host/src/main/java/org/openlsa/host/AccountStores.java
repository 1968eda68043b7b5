package org.openlsa.host;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.spi.AccountStoreProvider;

/**
 * The account stores this installation can open: the {@link AccountStoreProvider}s that {@link ServiceLoader} finds
 * (the module path's {@code provides}, or {@code META-INF/services} on the class path), the first that handles a
 * state directory's {@linkplain StateLayout#storeLocation store location} opening it. No caller names a store's
 * class, so another store (PostgreSQL is next) is a module to install, not a change to the daemon or the CLI.
 */
public final class AccountStores {
    private final List<AccountStoreProvider> providers;

    private AccountStores(List<AccountStoreProvider> providers) {
        this.providers = List.copyOf(providers);
    }

    /** The providers installed beside this module. */
    public static AccountStores installed() {
        return new AccountStores(ServiceLoader.load(AccountStoreProvider.class, AccountStores.class.getClassLoader())
                .stream().map(ServiceLoader.Provider::get).toList());
    }

    /** Exactly {@code providers}, in this order (tests; a host that chooses its stores itself). */
    public static AccountStores of(List<AccountStoreProvider> providers) {
        return new AccountStores(Objects.requireNonNull(providers, "providers"));
    }

    /**
     * The provider of the store at {@code location}.
     *
     * @throws StateException naming the location and the providers installed when none handles it (a store module
     *     missing from the installation)
     */
    public AccountStoreProvider providerFor(URI location) throws StateException {
        for (AccountStoreProvider p : providers) {
            if (p.handles(location)) {
                return p;
            }
        }
        throw new StateException("no account store provider handles " + location + " (installed: "
                + (providers.isEmpty() ? "none" : String.join(", ", providers.stream().map(AccountStoreProvider::name)
                .toList())) + "); the store's module is missing from this installation (the embedded SQLite store is"
                + " org.openlsa.store.sqlite, openlsa-store-sqlite.jar)");
    }

    /**
     * The account store of an initialized state directory, open and holding a domain. Whatever keeps it from opening
     * is a state problem: missing, not this user's, not a database (damaged, or some other file), of a newer schema,
     * without a domain (an init that never finished), or of a kind no installed provider handles.
     */
    public AccountStore open(StateLayout layout) throws StateException {
        layout.requireInitialized();
        URI location = layout.storeLocation();
        AccountStore store;
        try {
            store = providerFor(location).open(location);
        } catch (LsaException e) {
            throw new StateException("cannot use " + layout.database() + ": " + e.getMessage(), e);
        }
        try {
            store.domain();
            return store;
        } catch (LsaException e) {
            store.close();
            throw new StateException(layout.database() + " holds no usable account domain ("
                    + (e.status().equals(NtStatus.NO_SUCH_DOMAIN) ? "an 'lsa init' that did not finish?"
                    : e.getMessage()) + "); move it away and run 'lsa init --state " + layout.directory() + "'", e);
        }
    }

    /**
     * A new, empty store for the state directory (its directory must exist), to provision a domain into; refuses
     * when one exists.
     */
    public AccountStore create(StateLayout layout) throws StateException, LsaException {
        URI location = layout.storeLocation();
        return providerFor(location).create(location);
    }

    /** Removes the state directory's store (after a provisioning that failed, so the next attempt is not blocked). */
    public void delete(StateLayout layout) throws StateException, LsaException {
        URI location = layout.storeLocation();
        providerFor(location).delete(location);
    }
}
