package org.openlsa.ipc;

import java.util.List;
import java.util.Objects;
import org.openlsa.core.AccessToken;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.engine.CallPackageResult;
import org.openlsa.engine.LogonResult;
import org.openlsa.engine.LookupNamesResult;
import org.openlsa.engine.LookupSidsResult;
import org.openlsa.engine.LogonSessionData;
import org.openlsa.engine.TokenHandle;
import org.openlsa.engine.TokenInformation;

/** A response body (docs/ipc.md): one record per success body shape, or a {@link Failure}. */
public sealed interface Response {
    /** REGISTER_LOGON_PROCESS, CONNECT_UNTRUSTED, FREE_RETURN_BUFFER, CLOSE_HANDLE, SIGNAL_PROCESS, CLOSE_PROCESS. */
    record Empty() implements Response {}

    /** LOOKUP_AUTHENTICATION_PACKAGE: {@code u32 packageId}. */
    record PackageId(int packageId) implements Response {}

    /** LOGON_USER: {@code LogonResult}. */
    record Logon(LogonResult result) implements Response {
        public Logon {
            Objects.requireNonNull(result, "result");
        }
    }

    /** LOGON_USER_WITH_PASSWORD, DUPLICATE_TOKEN: {@code u64 tokenHandle}. */
    record Handle(TokenHandle token) implements Response {
        public Handle {
            Objects.requireNonNull(token, "token");
        }
    }

    /** CALL_AUTHENTICATION_PACKAGE: {@code ReturnBuffer, status protocolStatus}. */
    record CallPackage(CallPackageResult result) implements Response {
        public CallPackage {
            Objects.requireNonNull(result, "result");
        }
    }

    /**
     * ENUMERATE_LOGON_SESSIONS: {@code u32 count, u64 logonId × count}; {@code more} (status MORE_ENTRIES on the
     * wire) when the list was cut to fit the frame.
     */
    record Sessions(List<Luid> logonIds, boolean more) implements Response {
        public Sessions {
            logonIds = List.copyOf(logonIds);
        }

        public Sessions(List<Luid> logonIds) {
            this(logonIds, false);
        }
    }

    /** ENUMERATE_LOGON_SESSIONS_PAGED: {@code u32 count, u64 logonId × count, bool more}. */
    record SessionPage(org.openlsa.engine.LogonSessionPage page) implements Response {
        public SessionPage {
            Objects.requireNonNull(page, "page");
        }
    }

    /** GET_LOGON_SESSION_DATA. */
    record SessionData(LogonSessionData data) implements Response {
        public SessionData {
            Objects.requireNonNull(data, "data");
        }
    }

    /** GET_TOKEN_INFORMATION. */
    record TokenInfo(TokenInformation information) implements Response {
        public TokenInfo {
            Objects.requireNonNull(information, "information");
        }
    }

    /** QUERY_TOKEN, WHOAMI. */
    record Token(AccessToken token) implements Response {
        public Token {
            Objects.requireNonNull(token, "token");
        }
    }

    /** LOOKUP_SIDS: {@code ReferencedDomains}, {@code u32 count}, {@code TranslatedName × count}. */
    record SidsLookedUp(LookupSidsResult result) implements Response {
        public SidsLookedUp {
            Objects.requireNonNull(result, "result");
        }
    }

    /** LOOKUP_NAMES: {@code ReferencedDomains}, {@code u32 count}, {@code TranslatedSid × count}. */
    record NamesLookedUp(LookupNamesResult result) implements Response {
        public NamesLookedUp {
            Objects.requireNonNull(result, "result");
        }
    }

    /** MAP_IDS: the ranges, the local domain and one {@code IdResult} per question (docs/ipc.md). */
    record IdsMapped(org.openlsa.idmap.IdMapReport report) implements Response {
        public IdsMapped {
            Objects.requireNonNull(report, "report");
        }
    }

    /** CREATE_PROCESS_AS_USER, CREATE_PROCESS_WITH_LOGON: {@code u32 processHandle, u32 pid}. */
    record ProcessCreated(int processHandle, int pid) implements Response {}

    /**
     * WAIT_PROCESS: {@code u8 state, u32 value}: {@link #RUNNING} (value 0), {@link #EXITED} (the exit code) or
     * {@link #SIGNALED} (the signal).
     */
    record ProcessState(int state, int value) implements Response {
        public static final int RUNNING = 0;
        public static final int EXITED = 1;
        public static final int SIGNALED = 2;

        public ProcessState {
            if (state < RUNNING || state > SIGNALED) {
                throw new IllegalArgumentException("a process state is 0, 1 or 2, not " + state);
            }
        }

        /** The state of an end, or of a process still running ({@code null}). */
        public static ProcessState of(org.openlsa.launch.ExitStatus status) {
            return switch (status) {
                case null -> new ProcessState(RUNNING, 0);
                case org.openlsa.launch.ExitStatus.Exited e -> new ProcessState(EXITED, e.code());
                case org.openlsa.launch.ExitStatus.Signaled g -> new ProcessState(SIGNALED, g.signal());
            };
        }

        /** The end this state reports; empty while running. */
        public java.util.Optional<org.openlsa.launch.ExitStatus> exitStatus() {
            return switch (state) {
                case EXITED -> java.util.Optional.of(new org.openlsa.launch.ExitStatus.Exited(value));
                case SIGNALED -> java.util.Optional.of(new org.openlsa.launch.ExitStatus.Signaled(value));
                default -> java.util.Optional.empty();
            };
        }
    }

    /** Any opcode: a failure status (not NT_SUCCESS), its SubStatus, and a message for people (never a secret). */
    record Failure(NtStatus status, NtStatus subStatus, String message) implements Response {
        public Failure {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(subStatus, "subStatus");
            Objects.requireNonNull(message, "message");
            if (status.isSuccess()) {
                throw new IllegalArgumentException("a failure needs a failure status, not " + status);
            }
        }

        public static Failure of(LsaException e) {
            return new Failure(e.status(), e.subStatus(), e.getMessage() == null ? "" : e.getMessage());
        }

        /** The exception the client rethrows. */
        public LsaException toException() {
            return new LsaException(status, subStatus, message);
        }
    }
}
