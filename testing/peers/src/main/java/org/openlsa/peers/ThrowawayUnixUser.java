package org.openlsa.peers;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An ordinary OS user made for one test or benchmark ({@code useradd -M -r -s /usr/sbin/nologin}: a system uid, no
 * home, no login shell) and deleted again by {@link #close()}. Needs root. Names are random ({@code prefix} plus
 * six hex digits) because user names are machine-wide and other test JVMs may run beside this one.
 */
public final class ThrowawayUnixUser implements AutoCloseable {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final UnixIdentity identity;
    private volatile boolean closed;

    private ThrowawayUnixUser(String name, UnixIdentity identity) {
        this.name = name;
        this.identity = identity;
    }

    /**
     * Creates the user.
     *
     * @param prefix lowercase letters, at most 20 (a name is at most 32 characters)
     * @param label  what the user's uid is called in transcripts ({@link UnixIdentity#label()})
     */
    public static ThrowawayUnixUser create(String prefix, String label) throws PeerException {
        if (!prefix.matches("[a-z]{1,20}")) {
            throw new IllegalArgumentException("prefix must be 1 to 20 lowercase letters: " + prefix);
        }
        String useradd = Commands.find("useradd", "passwd").toString();
        String name = prefix + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
        Commands.run(List.of(useradd, "-M", "-r", "-s", "/usr/sbin/nologin", name), Map.of(), null, COMMAND_TIMEOUT);
        try {
            int uid = Integer.parseInt(Commands.run(List.of("id", "-u", name), Map.of(), null, COMMAND_TIMEOUT).strip());
            int gid = Integer.parseInt(Commands.run(List.of("id", "-g", name), Map.of(), null, COMMAND_TIMEOUT).strip());
            return new ThrowawayUnixUser(name, new UnixIdentity(label, uid, gid));
        } catch (PeerException | RuntimeException e) {
            Commands.runAllowingFailure(List.of("userdel", name), Map.of(), null, COMMAND_TIMEOUT);
            throw e instanceof PeerException pe ? pe : new PeerException("id of " + name + ": " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public UnixIdentity identity() {
        return identity;
    }

    /** {@code userdel}; a failure is reported on stderr, never thrown. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            Commands.Result result = Commands.runAllowingFailure(List.of("userdel", name), Map.of(), null,
                    COMMAND_TIMEOUT);
            if (result.exitCode() != 0) {
                System.err.println("could not delete OS user " + name + ": " + result.output().strip());
            }
        } catch (PeerException e) {
            System.err.println("could not delete OS user " + name + ": " + e.getMessage());
        }
    }
}
