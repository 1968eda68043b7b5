package org.openlsa.cli;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.openlsa.core.NtStatus;
import org.openlsa.engine.JsonLinesAuditLog;
import org.openlsa.host.StateLayout;
import org.openlsa.sam.DomainInfo;
import org.openlsa.sam.SecurityEvent;
import org.openlsa.sam.UserAccount;

/**
 * Administration done by the command line, in the state directory's audit log: 4724 a password reset, 4738 an account
 * changed, 4767 an account unlocked (docs/audit.md). The command writes the log itself, also while a daemon serves
 * the directory: each event is one whole line appended with O_APPEND ({@link JsonLinesAuditLog}), so the two writers'
 * lines never mix.
 */
final class AdminAudit {
    static final int ACCOUNT_UNLOCKED = 4767;

    private AdminAudit() {}

    static void record(StateLayout dir, int eventId, String event, NtStatus status, UserAccount user,
                       DomainInfo domain, List<String> changed) throws IOException {
        SecurityEvent e = SecurityEvent.of(Instant.now(), eventId, event, status, user, domain, "lsa", caller(),
                "", changed);
        try (JsonLinesAuditLog log = JsonLinesAuditLog.open(dir.auditLog())) {
            log.record(e);
        }
    }

    /** Who ran the command: {@code uid <n>} (the state directory's owner or root: nobody else can write sam.db). */
    private static String caller() {
        try {
            return "uid " + Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "uid " + System.getProperty("user.name");
        }
    }

    /** The account attributes that differ, by their names in UserAccount (4738's "changed attributes"). */
    static List<String> changed(UserAccount before, UserAccount after) {
        List<String> names = new ArrayList<>();
        for (RecordComponent c : UserAccount.class.getRecordComponents()) {
            try {
                if (!Objects.equals(c.getAccessor().invoke(before), c.getAccessor().invoke(after))) {
                    names.add(c.getName());
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("UserAccount's accessor " + c.getName(), e);
            }
        }
        return names;
    }
}
