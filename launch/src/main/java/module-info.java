/**
 * The process launcher (docs/launch.md): {@link org.openlsa.launch.Launcher} starts a program as given
 * {@link org.openlsa.idmap.UnixCredentials} without changing any id inside the JVM, by spawning util-linux
 * {@code prlimit} and {@code setpriv} with glibc's {@code posix_spawn}. It is what CreateProcessAsUser and
 * {@code lsa runas} start their processes with; it decides nothing about tokens or privileges (the engine does).
 * It calls the C library through the FFM API (posix_spawn, pipe2, waitid, kill, close; libpam in the PAM session
 * helper), so the JVM needs {@code --enable-native-access=org.openlsa.launch} (on the class path:
 * {@code ALL-UNNAMED}).
 */
module org.openlsa.launch {
    requires transitive org.openlsa.idmap; // UnixCredentials in the API, UnixAccounts for the login environment
    requires jdk.unsupported; // sun.misc.Signal: the PAM session helper forwards signals to the program
    exports org.openlsa.launch;
}
