package org.openlsa.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.engine.CallPackageResult;
import org.openlsa.engine.LsaConnection;
import org.openlsa.msv1_0.Msv1_0Lm20ChallengeResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lsa challenge}: LsaCallAuthenticationPackage(MsV1_0Lm20ChallengeRequest), the fresh 8-byte challenge a
 * server sends an NTLM client (then {@code lsa logon --type network --challenge ...} checks the answer).
 */
@Command(name = "challenge", mixinStandardHelpOptions = true,
        description = "Ask MSV1_0 for a fresh 8-byte NTLM server challenge (MsV1_0Lm20ChallengeRequest); needs a trusted caller.")
final class ChallengeCommand extends Cmd implements Callable<Integer> {
    @Option(names = "--json", description = "Print {\"challenge\": HEX} instead of the bare hex.") boolean json;
    @Option(names = "--socket", paramLabel = "PATH", description = "Daemon socket (default: <state>/lsad.sock).")
    java.nio.file.Path socket;

    @Override
    public Integer call() throws Exception {
        try (LogonTarget target = LogonTarget.open(state(), socket, spec.commandLine().getErr())) {
            LsaConnection c = target.connection;
            CallPackageResult r;
            try {
                r = c.callAuthenticationPackage(c.lookupAuthenticationPackage("MSV1_0"),
                        Msv1_0Lm20ChallengeResponse.request());
            } catch (LsaException e) {
                spec.commandLine().getErr().println("lsa: challenge request failed: " + e.getMessage());
                return ExitCode.forStatus(e.status());
            }
            byte[] bytes = r.returnBuffer().bytes();
            c.freeReturnBuffer(r.returnBuffer());
            if (!r.protocolStatus().equals(NtStatus.SUCCESS)) {
                spec.commandLine().getErr().println("lsa: challenge request failed: " + Main.describe(
                        new LsaException(r.protocolStatus(), "ProtocolStatus")));
                return ExitCode.forStatus(r.protocolStatus());
            }
            String hex = HexFormat.of().formatHex(Msv1_0Lm20ChallengeResponse.decode(bytes).challengeToClient());
            if (json) {
                try (JsonGenerator g = json()) {
                    g.writeStartObject();
                    g.writeStringField("challenge", hex);
                    g.writeBooleanField("viaDaemon", target.viaDaemon);
                    g.writeEndObject();
                }
                out().println();
            } else {
                out().println(hex);
            }
            return ExitCode.OK;
        }
    }
}
