/**
 * The process launcher (docs/launch.md): {@link org.openlsa.launch.Launcher} starts a program as given
 * {@link org.openlsa.idmap.UnixCredentials} without changing any id inside the JVM, by exec'ing util-linux
 * {@code prlimit}, {@code setsid} and {@code setpriv} through {@link java.lang.ProcessBuilder}. It is what
 * CreateProcessAsUser and {@code lsa runas} start their processes with; it decides nothing about tokens or
 * privileges (the engine does).
 */
module org.openlsa.launch {
    requires transitive org.openlsa.idmap; // UnixCredentials in the API, UnixAccounts for the login environment
    requires jdk.unsupported; // sun.misc.Signal: the PAM session helper forwards signals to the program
    exports org.openlsa.launch;
}
