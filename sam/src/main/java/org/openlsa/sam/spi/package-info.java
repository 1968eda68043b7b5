/**
 * The service interface storage engines provide so that stores are opened by where they live, not by their class:
 * {@link org.openlsa.sam.spi.AccountStoreProvider}.
 */
package org.openlsa.sam.spi;
