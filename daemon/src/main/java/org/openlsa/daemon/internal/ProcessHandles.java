package org.openlsa.daemon.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.engine.UserProcess;

/**
 * The process handles of one connection (docs/ipc.md, "Processes"): at most {@link #MAX_PER_CONNECTION} open at once
 * (QUOTA_EXCEEDED beyond). Values come from one daemon-wide counter, so a value is never issued twice in a connection
 * and a value another connection holds is INVALID_HANDLE here. Closing a handle, or dropping the table when the
 * connection ends, never ends a process: as on Windows, the process keeps its logon session until it exits. Only the
 * session's thread touches a table.
 */
final class ProcessHandles {
    /** docs/ipc.md, "Limits". */
    static final int MAX_PER_CONNECTION = 64;
    private static final AtomicInteger NEXT = new AtomicInteger();

    private final Map<Integer, UserProcess> open = new HashMap<>();

    boolean isEmpty() {
        return open.isEmpty();
    }

    /** @throws LsaException QUOTA_EXCEEDED when the connection holds {@link #MAX_PER_CONNECTION} already */
    void checkRoom() throws LsaException {
        if (open.size() >= MAX_PER_CONNECTION) {
            throw new LsaException(NtStatus.QUOTA_EXCEEDED, "a connection holds at most " + MAX_PER_CONNECTION
                    + " process handles: close one first");
        }
    }

    int add(UserProcess p) {
        int h;
        do {
            h = NEXT.incrementAndGet();
        } while (h == 0 || open.containsKey(h)); // 0 is never a handle; a wrapped counter skips the ones held
        open.put(h, p);
        return h;
    }

    UserProcess get(int handle) throws LsaException {
        UserProcess p = open.get(handle);
        if (p == null) {
            throw invalid(handle);
        }
        return p;
    }

    void close(int handle) throws LsaException {
        if (open.remove(handle) == null) {
            throw invalid(handle);
        }
    }

    /** The connection ended: its handles go, its processes run on. */
    void clear() {
        open.clear();
    }

    private static LsaException invalid(int handle) {
        return new LsaException(NtStatus.INVALID_HANDLE, "process handle " + Integer.toUnsignedString(handle)
                + " is not open on this connection");
    }
}
