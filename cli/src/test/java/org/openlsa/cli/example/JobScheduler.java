package org.openlsa.cli.example;

// docs/launch.md, "For integrators: a job scheduler", shows this class from the line after "// doc:begin" to the
// line before "// doc:end"; LaunchDocExampleTest keeps the two the same, and compiling this file keeps it true.
// doc:begin
import java.nio.file.Path;
import org.openlsa.client.LsaClient;
import org.openlsa.core.LsaException;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.engine.Logon32;
import org.openlsa.engine.LsaConnection;
import org.openlsa.engine.TokenHandle;
import org.openlsa.engine.UserProcess;
import org.openlsa.launch.ExitStatus;
import org.openlsa.launch.ProcessSpec;
import org.openlsa.launch.Stdio;

/** Runs each job as the account that owns it, through the machine's LSA daemon. */
public final class JobScheduler {
    private final LsaClient lsa;

    public JobScheduler(Path socket) {
        this.lsa = LsaClient.of(socket); // e.g. /var/lib/openlsa/lsad.sock
    }

    /** Runs {@code program} as {@code user} and returns its exit code (128 + N when signal N ended it). */
    public int runJob(String user, String domain, SecretBytes password, Path program, String... args)
            throws LsaException, InterruptedException {
        // A trusted connection: the scheduler runs as root, which the daemon knows as LocalSystem, holding
        // SeTcbPrivilege and SeAssignPrimaryTokenPrivilege (CreateProcessAsUser needs one for another's token).
        try (LsaConnection c = lsa.registerLogonProcess(null, "job-scheduler")) {
            // A batch logon: the account needs SeBatchLogonRight (lsa rights grant SeBatchLogonRight alice).
            // Fails with LOGON_FAILURE, LOGON_TYPE_NOT_GRANTED, ACCOUNT_RESTRICTION, ...
            TokenHandle token = c.logonUserWithPassword(user, domain, password, Logon32.LOGON_BATCH,
                    Logon32.PROVIDER_DEFAULT);
            UserProcess job;
            try {
                job = c.createProcessAsUser(token, ProcessSpec.of(program).arguments(args)
                        .stdin(Stdio.NULL)          // the scheduler's own stdout and stderr, passed over the socket
                        .build());
            } finally {
                c.closeHandle(token);               // the running job holds the logon session from here on
            }
            ExitStatus how = job.waitFor();         // the session ends (logoff audited) once the job has exited
            return switch (how) {
                case ExitStatus.Exited x -> x.code();
                case ExitStatus.Signaled x -> 128 + x.signal();
            };
        }
    }
}
// doc:end
