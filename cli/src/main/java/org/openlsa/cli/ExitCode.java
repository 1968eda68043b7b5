package org.openlsa.cli;

import org.openlsa.core.NtStatus;

/** The exit codes of {@code lsa} (documented in docs/cli.md). */
final class ExitCode {
    private ExitCode() {}

    static final int OK = 0;
    /** An unexpected error: a bug or an I/O failure. */
    static final int ERROR = 1;
    /** Bad usage: unknown option, missing argument, malformed value. */
    static final int USAGE = 2;
    /** STATUS_LOGON_FAILURE: unknown user or bad password. */
    static final int LOGON_FAILURE = 3;
    /** The account may not log on: ACCOUNT_RESTRICTION (any SubStatus), LOGON_TYPE_NOT_GRANTED, smart card required. */
    static final int ACCOUNT_RESTRICTION = 4;
    /** Any other failing NTSTATUS (USER_EXISTS, NO_SUCH_USER for administration, ...). */
    static final int LSA_STATUS = 5;
    /** The state directory is missing, not initialized, or already initialized. */
    static final int STATE = 6;

    static int forStatus(NtStatus s) {
        if (s.equals(NtStatus.LOGON_FAILURE)) {
            return LOGON_FAILURE;
        }
        if (s.equals(NtStatus.ACCOUNT_RESTRICTION) || s.equals(NtStatus.LOGON_TYPE_NOT_GRANTED)
                || s.equals(NtStatus.SMARTCARD_LOGON_REQUIRED)) {
            return ACCOUNT_RESTRICTION;
        }
        return LSA_STATUS;
    }
}
