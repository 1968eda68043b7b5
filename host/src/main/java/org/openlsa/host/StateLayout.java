package org.openlsa.host;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The state directory of one LSA, and the one owner of its layout: every file name in it is declared here and nowhere
 * else, and so are the checks that the directory is this process's to use. Chosen by {@code lsa --state DIR} (or
 * OPENLSA_STATE); created 0711 by {@code lsa init}: other users may reach the socket by its path but cannot list the
 * directory, and every file in it is the owner's alone (0600).
 *
 * <pre>
 * sam.db            the account database (the SQLite store; with -wal and -shm beside it)
 * audit.jsonl       the audit log, JSON lines (docs/audit.md)
 * subauth/*.properties  MSV1_0 subauthentication packages, one file each (docs/ntlm.md)
 * krb5.conf         optional: other realms and their KDCs for the Kerberos package (docs/kerberos-package.md)
 * krb5.keytab       this host's keys, unless krb5.conf names another keytab
 * kdc.properties    optional: where the embedded KDC listens (docs/kdc.md)
 * idmap.properties  optional: the range of algorithmic Unix ids (docs/idmap.md)
 * launch.properties optional: how processes are started, e.g. a PAM service (docs/launch.md)
 * kcm.properties    optional: the KCM credential cache service (docs/kcm.md)
 * pkinit/           optional: the KDC's PKINIT identity and trust anchors: kdc.pem, kdc-key.pem, anchors.pem;
 *                   optionally crls.pem (revocation lists checked on client certificates);
 *                   with the realm's own CA ({@code lsa pkinit init-ca}) also ca.pem and ca-key.pem
 *                   (docs/kdc.md, "PKINIT")
 * kcm.sock          the KCM service's socket while the daemon runs (unless placed elsewhere)
 * kcm-krb5.conf     written by the daemon: names kcm.sock for the processes it starts (0644)
 * lsad.sock         the daemon's socket while it runs (unless placed elsewhere)
 * lsad.lock         held by the daemon serving the directory
 * kdc.lock          held by the KDC serving the directory
 * kdc.endpoint      host:port of the running KDC
 * kpasswd.endpoint  host:port of the running kpasswd service
 * </pre>
 *
 * <p>The checks ({@link #requireInitialized}, {@link #requireOwnedBy}, {@link #requireSafe}, {@link #createForInit})
 * throw {@link StateException} with a message that says what to do; the CLI exits 6 on one.
 *
 * @param directory the state directory, absolute
 */
public record StateLayout(Path directory) {
    /** The account database of the embedded SQLite store. */
    public static final String DATABASE = "sam.db";
    /** The audit log. */
    public static final String AUDIT_LOG = "audit.jsonl";
    /** The directory of MSV1_0's subauthentication package files. */
    public static final String SUBAUTH_DIRECTORY = "subauth";
    /** The Kerberos package's configuration: realms and KDCs besides the embedded one. */
    public static final String KRB5_CONF = "krb5.conf";
    /** This host's keytab, when krb5.conf names none. */
    public static final String KEYTAB = "krb5.keytab";
    /** Where the embedded KDC listens. */
    public static final String KDC_CONFIG = "kdc.properties";
    /** The range SIDs are mapped into as Unix ids (org.openlsa.idmap.IdRanges). */
    public static final String IDMAP_CONFIG = "idmap.properties";
    /** The launch policy (docs/launch.md, "Configuration"). */
    public static final String LAUNCH_CONFIG = "launch.properties";
    /** The KDC's PKINIT files (docs/kdc.md, "PKINIT"). */
    public static final String PKINIT_DIRECTORY = "pkinit";
    /** In it: the KDC's certificate, then the chain to its CA, PEM. */
    public static final String PKINIT_KDC_CERTIFICATE = "kdc.pem";
    /** In it: the KDC certificate's private key, PKCS#8 PEM (0600). */
    public static final String PKINIT_KDC_KEY = "kdc-key.pem";
    /** In it: the CA certificates client certificates must chain to, PEM. */
    public static final String PKINIT_ANCHORS = "anchors.pem";
    /** Optional PEM "X509 CRL" blocks: the CRLs the KDC checks client certificates against. */
    public static final String PKINIT_CRLS = "crls.pem";
    /** The realm's own PKINIT CA certificate ({@code lsa pkinit init-ca}); also one of the anchors. */
    public static final String PKINIT_CA_CERTIFICATE = "ca.pem";
    /** The realm CA's private key, PKCS#8 PEM, 0600: only {@code lsa pkinit} reads it, never the KDC. */
    public static final String PKINIT_CA_KEY = "ca-key.pem";
    /** The KCM service's configuration (docs/kcm.md). */
    public static final String KCM_CONFIG = "kcm.properties";
    /** The KCM service's socket, by default. */
    public static final String KCM_SOCKET = "kcm.sock";
    /** The krb5.conf fragment naming the KCM socket, for the processes the daemon starts. */
    public static final String KCM_CLIENT_CONF = "kcm-krb5.conf";
    /** The daemon's socket, by default. */
    public static final String SOCKET = "lsad.sock";
    /** The lock of the daemon serving the directory. */
    public static final String DAEMON_LOCK = "lsad.lock";
    /** The lock of the KDC serving the directory. */
    public static final String KDC_LOCK = "kdc.lock";
    /** {@code host:port} of the running KDC. */
    public static final String KDC_ENDPOINT = "kdc.endpoint";
    /** {@code host:port} of the running kpasswd service. */
    public static final String KPASSWD_ENDPOINT = "kpasswd.endpoint";

    private static final String RUN_AS_OWNER =
            "; run lsa as that user (administration and serving need the owner of the state directory)";

    public StateLayout {
        Objects.requireNonNull(directory, "directory");
        directory = directory.toAbsolutePath();
    }

    public static StateLayout of(Path directory) {
        return new StateLayout(directory);
    }

    public Path database() {
        return directory.resolve(DATABASE);
    }

    /**
     * Where the account store lives, for {@link AccountStores}: today always the embedded database file; a state
     * directory naming a shared store (PostgreSQL) will give its URL here.
     */
    public URI storeLocation() {
        return database().toUri();
    }

    public Path auditLog() {
        return directory.resolve(AUDIT_LOG);
    }

    public Path subauthDirectory() {
        return directory.resolve(SUBAUTH_DIRECTORY);
    }

    public Path krb5Conf() {
        return directory.resolve(KRB5_CONF);
    }

    public Path keytab() {
        return directory.resolve(KEYTAB);
    }

    public Path kdcConfig() {
        return directory.resolve(KDC_CONFIG);
    }

    public Path idmapConfig() {
        return directory.resolve(IDMAP_CONFIG);
    }

    public Path launchConfig() {
        return directory.resolve(LAUNCH_CONFIG);
    }

    public Path pkinitDirectory() {
        return directory.resolve(PKINIT_DIRECTORY);
    }

    public Path pkinitKdcCertificate() {
        return pkinitDirectory().resolve(PKINIT_KDC_CERTIFICATE);
    }

    public Path pkinitKdcKey() {
        return pkinitDirectory().resolve(PKINIT_KDC_KEY);
    }

    public Path pkinitAnchors() {
        return pkinitDirectory().resolve(PKINIT_ANCHORS);
    }

    public Path pkinitCrls() {
        return pkinitDirectory().resolve(PKINIT_CRLS);
    }

    public Path pkinitCaCertificate() {
        return pkinitDirectory().resolve(PKINIT_CA_CERTIFICATE);
    }

    public Path pkinitCaKey() {
        return pkinitDirectory().resolve(PKINIT_CA_KEY);
    }

    public Path kcmConfig() {
        return directory.resolve(KCM_CONFIG);
    }

    public Path kcmSocket() {
        return directory.resolve(KCM_SOCKET);
    }

    public Path kcmClientConf() {
        return directory.resolve(KCM_CLIENT_CONF);
    }

    public Path socket() {
        return directory.resolve(SOCKET);
    }

    public Path daemonLock() {
        return directory.resolve(DAEMON_LOCK);
    }

    public Path kdcLock() {
        return directory.resolve(KDC_LOCK);
    }

    public Path kdcEndpoint() {
        return directory.resolve(KDC_ENDPOINT);
    }

    public Path kpasswdEndpoint() {
        return directory.resolve(KPASSWD_ENDPOINT);
    }

    /** Whether the directory holds an account database (an {@code lsa init} happened). */
    public boolean isInitialized() {
        return Files.exists(database());
    }

    /**
     * This layout, when the directory holds a database this process may open: else a StateException saying which of
     * "no such directory", "not initialized" or "not yours" it is, never a database error further on.
     */
    public StateLayout requireInitialized() throws StateException {
        if (!Files.isDirectory(directory)) {
            throw new StateException("no state directory " + directory + ": run 'lsa init --state " + directory
                    + "' first");
        }
        if (!Files.isExecutable(directory)) { // sam.db cannot even be looked up: do not call it uninitialized
            throw new StateException("permission denied: " + directory + " belongs to " + ownerOf(directory)
                    + RUN_AS_OWNER);
        }
        if (!isInitialized()) {
            throw new StateException("no OpenLSA database in " + directory + ": run 'lsa init --state " + directory
                    + "' first");
        }
        // SQLite needs to read and write the file (and create its -wal/-shm beside it), even to read.
        if (!Files.isReadable(database()) || !Files.isWritable(database())) {
            throw new StateException("permission denied: " + database() + " belongs to " + ownerOf(database())
                    + RUN_AS_OWNER);
        }
        return this;
    }

    /** For {@code lsa init}: a directory that holds no database yet (or does not exist). */
    public void requireUninitialized() throws StateException {
        if (isInitialized()) {
            throw new StateException(directory + " already holds an OpenLSA database (" + DATABASE
                    + "); refusing to overwrite it");
        }
    }

    /**
     * Refuses to serve a directory owned by another uid than this process's: files the daemon creates (lsad.lock,
     * kdc.lock, audit.jsonl, the socket, the database's -wal and -shm) would be that other uid's, 0600, and the
     * owner's next {@code lsa serve} could not open them. Root included: it serves the directories it owns.
     */
    public void requireOwnedBy(OptionalLong uid) throws StateException {
        OptionalLong owner = ownerUid(directory);
        if (uid.isEmpty() || owner.isEmpty() || owner.getAsLong() == uid.getAsLong()) {
            return; // not a POSIX file system: nothing to compare
        }
        throw new StateException(directory + " belongs to " + ownerOf(directory) + ", not to uid " + uid.getAsLong()
                + " running this; serving it as another user would leave files its owner cannot open: run 'lsa serve'"
                + " as " + ownerName(directory) + (uid.getAsLong() == 0 ? " (e.g. runuser -u " + ownerName(directory)
                + " -- lsa serve ...)" : ""));
    }

    /**
     * Refuses a state directory another local user could tamper with before it is initialized or served: the
     * directory, or any entry in it, owned by another uid than this process's or writable by group or others (a
     * local user could swap sam.db for a database of their making, whose Administrator password they know, before
     * root serves it), or a parent writable by group or others without the sticky bit (they could rename the whole
     * directory away and put their own in its place). A sticky world-writable parent such as /tmp is accepted: there
     * only the directory's owner may rename or remove it. Symbolic links are judged as links, not followed.
     */
    public void requireSafe() throws StateException {
        OptionalLong me = processUid();
        if (me.isEmpty()) {
            return; // not POSIX
        }
        Path parent = directory.getParent();
        if (parent != null && Files.isDirectory(parent)) {
            int mode = mode(parent);
            if ((mode & 0022) != 0 && (mode & 01000) == 0) {
                throw new StateException("unsafe state directory: its parent " + parent + " is writable by "
                        + (((mode & 0002) != 0) ? "others" : "its group") + " without the sticky bit, so another user"
                        + " could replace " + directory + "; use a directory under a parent only its owner can write");
            }
        }
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            return; // init creates it, 0711
        }
        requireSafe(directory, me.getAsLong());
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return; // not a directory: init and serve say so themselves
        }
        try (java.util.stream.Stream<Path> entries = Files.list(directory)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                requireSafe(p, me.getAsLong());
            }
        } catch (IOException e) {
            throw new StateException("cannot list the state directory " + directory + ": " + e.getMessage(), e);
        }
    }

    private static void requireSafe(Path p, long me) throws StateException {
        OptionalLong owner = ownerUid(p);
        if (owner.isPresent() && owner.getAsLong() != me) {
            throw new StateException("unsafe state directory: " + p + " belongs to " + ownerOf(p) + ", not to uid " + me
                    + " running this; every file of a state directory must be its owner's");
        }
        int mode = mode(p);
        boolean socket = (mode & 0170000) == 0140000; // lsad.sock: its write permission is who may connect
        if (!Files.isSymbolicLink(p) && !socket && (mode & 0022) != 0) {
            throw new StateException("unsafe state directory: " + p + " is writable by "
                    + (((mode & 0002) != 0) ? "others" : "its group") + " (mode "
                    + Integer.toOctalString(mode & 07777) + "); make it writable by its owner only (chmod go-w)");
        }
    }

    /**
     * Creates the directory (0711) for {@code lsa init}, after {@link #requireUninitialized} and {@link #requireSafe};
     * a directory this user cannot create or write is a state problem, not a bug.
     */
    public void createForInit() throws StateException, IOException {
        requireUninitialized();
        requireSafe();
        try {
            if (!Files.isDirectory(directory)) {
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    Files.createDirectories(directory,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x")));
                } else {
                    Files.createDirectories(directory);
                }
            }
        } catch (java.nio.file.FileSystemException e) {
            String reason = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
            throw new StateException("cannot create the state directory " + directory + ": " + reason
                    + (e.getFile() != null && !e.getFile().equals(directory.toString()) ? " (" + e.getFile() + ")"
                    : ""), e);
        }
        if (!Files.isWritable(directory)) {
            throw new StateException("permission denied: " + directory + " belongs to " + ownerOf(directory)
                    + "; initialize a directory of your own, or run lsa as that user");
        }
    }

    /** The uid of this process (getuid(2); the JVM is never set-uid, so it is also the effective uid). */
    public static OptionalLong processUid() {
        try {
            return OptionalLong.of(new com.sun.security.auth.module.UnixSystem().getUid());
        } catch (UnsupportedOperationException | LinkageError e) {
            return OptionalLong.empty(); // not Unix
        }
    }

    private static int mode(Path p) {
        try {
            return ((Number) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS)).intValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return 0;
        }
    }

    private static OptionalLong ownerUid(Path p) {
        try {
            return OptionalLong.of(((Number) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue());
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return OptionalLong.empty();
        }
    }

    private static String ownerName(Path p) {
        try {
            return Files.getOwner(p).getName();
        } catch (IOException | UnsupportedOperationException e) {
            return "its owner";
        }
    }

    /** "alice (uid 1000)", as far as it can be told. */
    private static String ownerOf(Path p) {
        OptionalLong uid = ownerUid(p);
        return ownerName(p) + (uid.isPresent() ? " (uid " + uid.getAsLong() + ")" : "");
    }
}
