/**
 * Not exported. {@link org.openlsa.daemon.internal.UnixAccounts}: uid and gid to and from names through the C
 * library (needs native access, see the {@code org.openlsa.daemon} package).
 */
package org.openlsa.daemon.internal;
