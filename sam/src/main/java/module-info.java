/**
 * The security account manager's model: domain and policy, users, global groups, aliases and account rights; the
 * {@link org.openlsa.sam.AccountStore} SPI that storage engines implement, and the
 * {@link org.openlsa.sam.spi.AccountStoreProvider} through which they are found by location; and the account rules
 * every authentication package shares (restriction order, lockout, logon hours, provisioning of a new domain).
 */
module org.openlsa.sam {
    requires transitive org.openlsa.core;
    requires transitive org.openlsa.crypto;
    exports org.openlsa.sam;
    exports org.openlsa.sam.spi;
}
