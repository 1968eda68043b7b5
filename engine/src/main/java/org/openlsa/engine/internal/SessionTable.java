package org.openlsa.engine.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.core.Sid;
import org.openlsa.engine.LogonSessionData;

/**
 * The logon sessions of the LSA and their reference counts: a session ends when its last token and its last process
 * are gone, as on Windows. One lock guards the map and every count, so "last reference released" and "new reference
 * added" cannot race.
 */
final class SessionTable {
    private final Map<Luid, LogonSession> sessions = new HashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    /** Sessions per account SID and per creating caller SID (reserved sessions are in neither): the quotas. */
    private final Map<Sid, Integer> byAccount = new HashMap<>();
    private final Map<Sid, Integer> byCreator = new HashMap<>();

    /**
     * Adds a session holding one token. LOGON_SESSION_COLLISION if the LUID is taken; QUOTA_EXCEEDED if its account
     * already has {@code perAccount} sessions, or its creator has {@code perCaller} (checked under the same lock as
     * the insertion, so concurrent logons cannot overshoot). {@code exempt}: a caller holding SeTcbPrivilege.
     */
    void createWithToken(LogonSession s, int perAccount, int perCaller, boolean exempt) throws LsaException {
        lock.lock();
        try {
            if (sessions.containsKey(s.id)) {
                throw new LsaException(NtStatus.LOGON_SESSION_COLLISION, "logon session " + s.id + " already exists");
            }
            if (!exempt) {
                if (byAccount.getOrDefault(s.sid, 0) >= perAccount) {
                    throw new LsaException(NtStatus.QUOTA_EXCEEDED, "the account " + s.sid + " already has "
                            + perAccount + " logon sessions, the most one account may have");
                }
                if (s.creator.isPresent() && byCreator.getOrDefault(s.creator.get(), 0) >= perCaller) {
                    throw new LsaException(NtStatus.QUOTA_EXCEEDED, "the caller has " + perCaller
                            + " logon sessions open, the most one caller may create");
                }
            }
            s.tokenCount = 1;
            sessions.put(s.id, s);
            byAccount.merge(s.sid, 1, Integer::sum);
            s.creator.ifPresent(c -> byCreator.merge(c, 1, Integer::sum));
        } finally {
            lock.unlock();
        }
    }

    void addReserved(LogonSession s) {
        lock.lock();
        try {
            sessions.put(s.id, s);
        } finally {
            lock.unlock();
        }
    }

    /** One more token in an existing session. NO_SUCH_LOGON_SESSION if it has ended. */
    LogonSession addToken(Luid id) throws LsaException {
        return add(id, false);
    }

    /**
     * One more running process in an existing session (CreateProcessAsUser). NO_SUCH_LOGON_SESSION if it has ended:
     * checked under the lock that ends sessions, so no process is ever counted in an ended session.
     */
    LogonSession addProcess(Luid id) throws LsaException {
        return add(id, true);
    }

    private LogonSession add(Luid id, boolean process) throws LsaException {
        lock.lock();
        try {
            LogonSession s = sessions.get(id);
            if (s == null) {
                throw new LsaException(NtStatus.NO_SUCH_LOGON_SESSION, "logon session " + id + " does not exist");
            }
            if (process) {
                s.processCount++;
            } else {
                s.tokenCount++;
            }
            return s;
        } finally {
            lock.unlock();
        }
    }

    /** One token fewer; returns the session if that ended it. */
    Optional<LogonSession> releaseToken(Luid id) {
        return release(id, false);
    }

    /** One running process fewer (it ended, or it never started); returns the session if that ended it. */
    Optional<LogonSession> releaseProcess(Luid id) {
        return release(id, true);
    }

    private Optional<LogonSession> release(Luid id, boolean process) {
        lock.lock();
        try {
            LogonSession s = sessions.get(id);
            if (s == null) {
                return Optional.empty();
            }
            if (process) {
                s.processCount--;
            } else {
                s.tokenCount--;
            }
            if (s.tokenCount <= 0 && s.processCount <= 0 && !s.reserved) {
                sessions.remove(id);
                byAccount.computeIfPresent(s.sid, (k, n) -> n == 1 ? null : n - 1);
                s.creator.ifPresent(c -> byCreator.computeIfPresent(c, (k, n) -> n == 1 ? null : n - 1));
                return Optional.of(s);
            }
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }


    /** A session's data together with who created it, read under one lock. */
    record Snapshot(LogonSessionData data, Optional<Sid> creator) {}

    Optional<Snapshot> snapshot(Luid id) {
        lock.lock();
        try {
            LogonSession s = sessions.get(id);
            return s == null ? Optional.empty() : Optional.of(new Snapshot(s.toData(s.tokenCount), s.creator));
        } finally {
            lock.unlock();
        }
    }

    List<Luid> ids() {
        lock.lock();
        try {
            List<Luid> out = new ArrayList<>(sessions.keySet());
            out.sort(null);
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** Up to {@code max} session ids greater than {@code after}, ascending, and whether more follow. */
    Page idsAfter(Luid after, int max) {
        lock.lock();
        try {
            List<Luid> all = new ArrayList<>(sessions.keySet());
            all.sort(null);
            int from = 0;
            while (from < all.size() && all.get(from).compareTo(after) <= 0) {
                from++;
            }
            int to = (int) Math.min(all.size(), (long) from + max);
            return new Page(List.copyOf(all.subList(from, to)), to < all.size());
        } finally {
            lock.unlock();
        }
    }

    record Page(List<Luid> ids, boolean more) {}

    int size() {
        lock.lock();
        try {
            return sessions.size();
        } finally {
            lock.unlock();
        }
    }
}
