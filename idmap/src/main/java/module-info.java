/**
 * Unix identities for security principals (docs/idmap.md): {@link org.openlsa.idmap.IdMap} maps every user and group
 * SID a token can hold to a uid or gid and back (accounts linked to a Unix account, an algorithmic range for domain
 * SIDs, a fixed table for well-known ones), refusing any id that belongs to another local account, and turns a token
 * into the uid, gid and supplementary gids of a process ({@link org.openlsa.idmap.UnixCredentials}).
 * {@link org.openlsa.idmap.UnixAccounts} is the C library's passwd and group lookups through the FFM API, shared with
 * the daemon (who its callers are); the JVM needs {@code --enable-native-access=org.openlsa.idmap} (on the class
 * path: {@code ALL-UNNAMED}).
 */
module org.openlsa.idmap {
    requires transitive org.openlsa.sam; // IdMap reads the account store; its API speaks Sid and LsaException
    exports org.openlsa.idmap;
}
