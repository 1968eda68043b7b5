/**
 * The OpenLSA daemon's contact with the operating system: {@link org.openlsa.daemon.StateLock} (one daemon per
 * state directory), {@link org.openlsa.daemon.PublishedSocket} (its Unix domain socket, {@code <state>/lsad.sock},
 * speaking the protocol of docs/ipc.md) and {@link org.openlsa.daemon.PeerIdentity} (who connected, as the kernel
 * reports it).
 *
 * <p>Linux only. Account lookups call the C library through the FFM API ({@code org.openlsa.idmap.UnixAccounts}), so
 * the JVM needs native access for that module: {@code --enable-native-access=org.openlsa.idmap} on the module path, {@code
 * --enable-native-access=ALL-UNNAMED} on the class path. Without it JDK 25 prints a warning on first use (and a
 * future JDK will refuse).
 */
package org.openlsa.daemon;
