/**
 * The embedded default {@link org.openlsa.sam.AccountStore}: one SQLite file in WAL mode with a versioned schema
 * (docs/store-sqlite.md). Only {@link org.openlsa.store.sqlite.SqliteAccountStore} is public; tables, schema steps
 * and the transaction machinery stay in the unexported internal package. Callers that open stores by location find
 * it as the {@code sqlite} {@link org.openlsa.sam.spi.AccountStoreProvider}, for {@code file:} URIs.
 */
module org.openlsa.store.sqlite {
    requires transitive org.openlsa.sam;
    requires java.sql;
    requires org.xerial.sqlitejdbc;
    exports org.openlsa.store.sqlite;
    provides org.openlsa.sam.spi.AccountStoreProvider with org.openlsa.store.sqlite.internal.SqliteStoreProvider;
}
