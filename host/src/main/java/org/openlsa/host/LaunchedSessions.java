package org.openlsa.host;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.openlsa.core.Luid;

/**
 * The processes the LSA started and still waits for, each the leader of its own session (posix_spawn's setsid), with
 * the uid it runs as and the logon session whose token it runs with. The KCM service asks it which logon session a
 * peer belongs to: a process whose session id (setsid) is a registered leader's pid belongs to that leader's logon
 * session.
 *
 * <p>Why that is sound: a leader is registered from its start until its end is reported (the moment the launcher
 * reaps it), and while it is unreaped its pid cannot be given to another process; a session id is the pid of the
 * process that called setsid, and a pid in use cannot be a session id of anyone else's making. So while a leader is
 * registered, the processes with its pid as their session id are exactly those of the session the LSA created: its
 * descendants that did not call setsid themselves. (Between the reaping and the removal a few microseconds pass in
 * which a new process of the same uid would have to get that very pid and call setsid.)
 */
public final class LaunchedSessions {
    /**
     * A started process: the leader of its session, the process the launcher spawned and reaps (the program, or
     * under PAM the helper whose child the program is).
     */
    public record Leader(long pid, long uid, Luid logonId) {}

    /** How long a lookup waits for launches in progress to register their leaders. */
    private static final long PENDING_WAIT_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

    private final Map<Long, Leader> byPid = new ConcurrentHashMap<>();
    private int pending; // launches started and not yet registered (guarded by this)

    /**
     * A launch begins: until {@link #endLaunch}, a lookup that finds no leader waits for it, since the program may
     * already run (and ask the KCM service for its cache) before the launcher has returned its pid, and under PAM
     * certainly does.
     */
    synchronized void beginLaunch() {
        pending++;
    }

    synchronized void endLaunch() {
        pending--;
        notifyAll();
    }

    void add(Leader leader) {
        byPid.put(leader.pid(), leader);
    }

    void remove(Leader leader) {
        byPid.remove(leader.pid(), leader);
    }

    /**
     * The running leader whose pid is {@code sessionId}; while launches are in progress, waits (at most 5 s) for them
     * to register before answering that there is none.
     */
    public Optional<Leader> leaderOfSession(long sessionId) {
        Leader l = byPid.get(sessionId);
        if (l != null) {
            return Optional.of(l);
        }
        synchronized (this) {
            long deadline = System.nanoTime() + PENDING_WAIT_NANOS;
            while (pending > 0 && !byPid.containsKey(sessionId)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return Optional.ofNullable(byPid.get(sessionId));
    }

    /** A running leader of {@code logonId}'s processes, if any. */
    public Optional<Leader> anyOf(Luid logonId) {
        return byPid.values().stream().filter(l -> l.logonId().equals(logonId)).findFirst();
    }
}
