package org.openlsa.host;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.idmap.UnixCredentials;
import org.openlsa.krb5.files.Credential;
import org.openlsa.krb5.files.CredentialCache;
import org.openlsa.krb5.files.Principal;

/**
 * FILE credential caches for the processes the engine starts where KCM is not wanted ({@code credential_cache =
 * file} in launch.properties; docs/kcm.md, "FILE caches"): one MIT ccache per logon session,
 * {@code <directory>/krb5cc_<uid>_lsa_<LUID>}, owned by the session's uid and gid, mode 0600, holding the session's
 * tickets. A sweep every {@code refreshSeconds} rewrites it when the Kerberos package renewed them and removes it
 * when the session has ended (or holds no tickets any more).
 *
 * <p>The file is the program's: once its contents are no longer what was last written here (the program stored a
 * ticket, ran kinit or kdestroy), it is left alone, neither refreshed nor removed.
 *
 * <p>Security: files are created with O_EXCL under a random name, given to the uid, then renamed onto their path;
 * rename(2) replaces a symlink planted there rather than following it, and removal unlinks the name, so a user who
 * can write the directory (/tmp) cannot make the LSA write or delete anything else.
 */
public final class FileCredentialCaches implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("org.openlsa.host");
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private record Written(Path path, long uid, long gid, byte[] digest) {}

    private final Path directory;
    private final Supplier<LsaEngineAccess> engine;
    private final long refreshSeconds;
    private final Map<Luid, Written> files = new ConcurrentHashMap<>();
    private volatile LogonSessionTickets tickets; // opened at the first export
    private ScheduledExecutorService sweeper;
    private boolean closed;

    /** How the caches reach the engine's sessions: opened lazily, as the engine is built after its launcher. */
    @FunctionalInterface
    interface LsaEngineAccess {
        Optional<LogonSessionTickets> open() throws LsaException;
    }

    FileCredentialCaches(Path directory, Supplier<LsaEngineAccess> engine, long refreshSeconds) {
        this.directory = directory;
        this.engine = engine;
        this.refreshSeconds = refreshSeconds;
    }

    private synchronized Optional<LogonSessionTickets> tickets() throws LsaException {
        if (closed) {
            throw new LsaException(NtStatus.UNSUCCESSFUL, "the LSA is closing");
        }
        if (tickets == null) {
            Optional<LogonSessionTickets> t = engine.get().open();
            if (t.isEmpty()) {
                return Optional.empty();
            }
            tickets = t.get();
            sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                    .name("lsa-ccache-files").factory());
            sweeper.scheduleWithFixedDelay(this::sweep, refreshSeconds, refreshSeconds, TimeUnit.SECONDS);
        }
        return Optional.of(tickets);
    }

    /**
     * Writes (or rewrites) {@code session}'s file for {@code who} and returns the program's {@code KRB5CCNAME};
     * nothing when the session holds no Kerberos tickets.
     */
    Map<String, String> export(Luid session, UnixCredentials who) throws LsaException {
        Optional<LogonSessionTickets> t = tickets();
        if (t.isEmpty()) {
            return Map.of();
        }
        Path path = directory.resolve("krb5cc_" + who.uid() + "_lsa_" + HexFormat.of().toHexDigits(session.value()));
        Optional<byte[]> digest;
        try {
            digest = write(t.get(), session, path, who.uid(), who.gid(), Optional.empty());
        } catch (IOException e) {
            throw new LsaException(NtStatus.UNSUCCESSFUL, "cannot write the credential cache " + path + ": "
                    + e.getMessage(), e);
        }
        if (digest.isEmpty()) {
            return Map.of();
        }
        files.put(session, new Written(path, who.uid(), who.gid(), digest.get()));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KRB5CCNAME", "FILE:" + path);
        return env;
    }

    /**
     * Writes the session's tickets to {@code path} unless they encode to {@code previous} (nothing changed); returns
     * the digest of what the file holds, empty when the session has no tickets (nothing is written).
     */
    private static Optional<byte[]> write(LogonSessionTickets t, Luid session, Path path, long uid, long gid,
                                          Optional<byte[]> previous) throws LsaException, IOException {
        List<Credential> creds = t.credentials(session, true);
        if (creds.isEmpty()) {
            return Optional.empty();
        }
        Principal client = creds.get(0).client();
        byte[] bytes;
        try (CredentialCache cc = new CredentialCache(Optional.empty(), client, creds)) {
            bytes = cc.encode();
        }
        try {
            byte[] digest = digest(bytes);
            if (previous.isPresent() && MessageDigest.isEqual(previous.get(), digest)) {
                return previous;
            }
            Path tmp = directory(path).resolve(".krb5cc_lsa_" + Long.toHexString(RANDOM.nextLong()));
            Files.write(tmp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                Files.setAttribute(tmp, "unix:gid", (int) gid);
                Files.setAttribute(tmp, "unix:uid", (int) uid);
                Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return Optional.of(digest);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static Path directory(Path file) {
        return file.toAbsolutePath().getParent();
    }

    private static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code w.path()} still holds what was written there last (and is still a plain file of the uid). */
    private static boolean unchanged(Written w) {
        try {
            if (!Files.isRegularFile(w.path(), java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    || ((Number) Files.getAttribute(w.path(), "unix:uid", java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .longValue() != w.uid()) {
                return false;
            }
            byte[] now = Files.readAllBytes(w.path());
            try {
                return MessageDigest.isEqual(digest(now), w.digest());
            } finally {
                Arrays.fill(now, (byte) 0);
            }
        } catch (IOException e) {
            return false;
        }
    }

    /** Renewed tickets rewritten, ended sessions' files removed; files the programs changed left to them. */
    void sweep() {
        LogonSessionTickets t = tickets;
        if (t == null) {
            return;
        }
        for (Map.Entry<Luid, Written> e : Map.copyOf(files).entrySet()) {
            Written w = e.getValue();
            if (!unchanged(w)) {
                files.remove(e.getKey(), w); // the program's now
                continue;
            }
            try {
                Optional<byte[]> digest = write(t, e.getKey(), w.path(), w.uid(), w.gid(), Optional.of(w.digest()));
                if (digest.isEmpty()) { // the session ended (logoff destroyed its tickets) or holds none
                    Files.deleteIfExists(w.path());
                    files.remove(e.getKey(), w);
                } else {
                    files.put(e.getKey(), new Written(w.path(), w.uid(), w.gid(), digest.get()));
                }
            } catch (LsaException | IOException | RuntimeException x) {
                LOG.log(Level.WARNING, "refreshing the credential cache {0}: {1}", w.path(), x.getMessage());
            }
        }
    }

    /** Removes every file still as written (the LSA stops: its sessions end) and stops the sweep. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        for (Written w : files.values()) {
            try {
                if (unchanged(w)) {
                    Files.deleteIfExists(w.path());
                }
            } catch (IOException e) {
                LOG.log(Level.WARNING, "removing the credential cache {0}: {1}", w.path(), e.getMessage());
            }
        }
        files.clear();
        if (tickets != null) {
            tickets.close();
        }
    }
}
