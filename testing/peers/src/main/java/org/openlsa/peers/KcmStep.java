package org.openlsa.peers;

import java.util.List;
import java.util.Objects;

/**
 * One MIT client tool run of a {@link KcmClientScript}: as whom, what, and what it printed, raw and normalised.
 *
 * @param as         the identity the tool ran as
 * @param command    the tool's name and arguments, as given (no path, no setpriv prefix)
 * @param exitCode   its exit status
 * @param stdout     standard output as printed
 * @param stderr     standard error as printed (MIT's failures: {@code "klist: Credentials cache 'KCM:999' not
 *                   found"})
 * @param normalised the step as it reads in {@link KcmClientScript#normalisedTranscript()}: times, uids and
 *                   server-chosen cache names replaced by placeholders
 */
public record KcmStep(UnixIdentity as, List<String> command, int exitCode, String stdout, String stderr,
        String normalised) {
    public KcmStep {
        Objects.requireNonNull(as, "as");
        command = List.copyOf(command);
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(normalised, "normalised");
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** For assertion messages. */
    public String describe() {
        return "[" + as.label() + " uid " + as.uid() + "] " + String.join(" ", command) + " -> exit " + exitCode
                + "\nstdout: " + stdout.strip() + "\nstderr: " + stderr.strip();
    }
}
