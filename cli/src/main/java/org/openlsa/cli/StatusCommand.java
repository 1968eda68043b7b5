package org.openlsa.cli;

import java.util.concurrent.Callable;
import org.openlsa.core.NtStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code lsa status CODE}: an NTSTATUS by code or name, with its meaning and Win32 error. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Explain an NTSTATUS: 0xC000006D, C000006D, STATUS_LOGON_FAILURE, LOGON_FAILURE or -1073741715.")
final class StatusCommand extends Cmd implements Callable<Integer> {
    @Parameters(paramLabel = "CODE") String code;

    @Override
    public Integer call() {
        NtStatus s = NtStatus.parse(code);
        out().printf("%s %s%n", s.hex(), s.symbolicName().orElse("(unknown NTSTATUS)"));
        s.meaning().ifPresent(m -> out().println("  " + m));
        int w = s.toWin32Error();
        out().printf("  Win32 error %d (0x%X)%s%n", w, w, w == NtStatus.ERROR_MR_MID_NOT_FOUND && s.symbolicName().isEmpty()
                ? ": no mapping (ERROR_MR_MID_NOT_FOUND)" : "");
        return ExitCode.OK;
    }
}
