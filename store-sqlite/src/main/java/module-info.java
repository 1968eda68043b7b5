/**
 * The embedded default {@link org.openlsa.sam.AccountStore}: one SQLite file in WAL mode with a versioned schema
 * (docs/store-sqlite.md). Only {@link org.openlsa.store.sqlite.SqliteAccountStore} is public; tables, schema steps
 * and the transaction machinery stay in the unexported internal package.
 */
module org.openlsa.store.sqlite {
    requires transitive org.openlsa.sam;
    requires java.sql;
    requires org.xerial.sqlitejdbc;
    exports org.openlsa.store.sqlite;
}
