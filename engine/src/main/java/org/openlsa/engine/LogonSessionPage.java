package org.openlsa.engine;

import java.util.List;
import org.openlsa.core.Luid;

/**
 * One page of LsaEnumerateLogonSessions: session ids in ascending (unsigned) order, and whether more follow the last
 * one. A remote caller reads the whole list page by page, so that no reply outgrows a frame (docs/ipc.md, opcode 17).
 */
public record LogonSessionPage(List<Luid> logonIds, boolean more) {
    public LogonSessionPage {
        logonIds = List.copyOf(logonIds);
    }
}
