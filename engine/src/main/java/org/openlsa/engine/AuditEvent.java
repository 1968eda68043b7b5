package org.openlsa.engine;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.core.Sid;

/**
 * One audit record: a logon attempt, a logoff, or a process started for a token and its exit. Holds names, SIDs and statuses, never a secret. The status and
 * SubStatus are the full ones (a wrong password is LOGON_FAILURE / WRONG_PASSWORD here even when the caller was
 * told only LOGON_FAILURE): the audit log is for the machine's administrators.
 *
 * @param kind {@link #LOGON}, {@link #LOGOFF}, {@link #PROCESS_START} or {@link #PROCESS_EXIT}
 * @param caller the caller's user SID (for a process: who called CreateProcessAsUser, "alice via caller")
 * @param callerProcess the logon process name of a trusted connection, empty for an untrusted one
 * @param callerName the caller's account name ({@code DOMAIN\bob}, {@code Unix User\1000}) as the LSA named it at
 *     the time, for the records where someone acted for another account (a process record, a logon with explicit
 *     credentials by CreateProcessWithLogon: Windows' 4648 subject); empty where the record does not name it
 */
public record AuditEvent(Instant time, String kind, boolean success, NtStatus status, NtStatus subStatus,
                         String origin, SecurityLogonType logonType, String authenticationPackage, Sid caller,
                         String callerProcess, String userName, String domain, Optional<Luid> logonId,
                         Optional<Sid> userSid, Optional<ProcessRecord> process, String callerName) {
    public static final String LOGON = "logon";
    public static final String LOGOFF = "logoff";
    /** CreateProcessAsUser started (or failed to start) a process for a token: Windows' 4688. */
    public static final String PROCESS_START = "processStart";
    /** A process started for a token ended: Windows' 4689. */
    public static final String PROCESS_EXIT = "processExit";

    /**
     * The process of a {@link #PROCESS_START} or {@link #PROCESS_EXIT} record.
     *
     * @param pid 0 when the start failed
     * @param program the program's path as the caller gave it
     * @param exit empty for a start; {@code exit N} or {@code signal N} for an exit
     */
    public record ProcessRecord(long pid, String program, String exit) {
        public ProcessRecord {
            Objects.requireNonNull(program, "program");
            Objects.requireNonNull(exit, "exit");
        }
    }

    /** A logon or logoff record (no process). */
    public AuditEvent(Instant time, String kind, boolean success, NtStatus status, NtStatus subStatus, String origin,
                      SecurityLogonType logonType, String authenticationPackage, Sid caller, String callerProcess,
                      String userName, String domain, Optional<Luid> logonId, Optional<Sid> userSid) {
        this(time, kind, success, status, subStatus, origin, logonType, authenticationPackage, caller, callerProcess,
                userName, domain, logonId, userSid, Optional.empty(), "");
    }

    /** A record that does not name the caller's account (only its SID). */
    public AuditEvent(Instant time, String kind, boolean success, NtStatus status, NtStatus subStatus, String origin,
                      SecurityLogonType logonType, String authenticationPackage, Sid caller, String callerProcess,
                      String userName, String domain, Optional<Luid> logonId, Optional<Sid> userSid,
                      Optional<ProcessRecord> process) {
        this(time, kind, success, status, subStatus, origin, logonType, authenticationPackage, caller, callerProcess,
                userName, domain, logonId, userSid, process, "");
    }

    public AuditEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(subStatus, "subStatus");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(logonType, "logonType");
        Objects.requireNonNull(authenticationPackage, "authenticationPackage");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(callerProcess, "callerProcess");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(logonId, "logonId");
        Objects.requireNonNull(userSid, "userSid");
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(callerName, "callerName");
    }
}
