package org.openlsa.peers;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one MIT tool run printed. A failing tool is a result, not an exception: tests assert MIT's error texts
 * (for example {@code "kinit: Password incorrect while getting initial credentials"} on stderr).
 *
 * @param command  the command line (it never carries a password: passwords travel on stdin)
 * @param exitCode the tool's exit status
 * @param stdout   standard output (MIT tools print their prompts here, e.g. {@code "Password for alice@R: "})
 * @param stderr   standard error, where MIT tools print failures
 * @param trace    what {@code KRB5_TRACE} recorded, or "" when tracing was off
 */
public record ToolResult(List<String> command, int exitCode, String stdout, String stderr, String trace) {
    private static final Pattern ANSWER = Pattern.compile("Received answer \\(\\d+ bytes\\) from (dgram|stream) ");

    public ToolResult {
        command = List.copyOf(command);
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(trace, "trace");
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** The transports KDC answers came over, read from the trace ("Received answer ... from dgram|stream"). */
    public Set<KdcTransport> transportsAnswered() {
        Set<KdcTransport> used = EnumSet.noneOf(KdcTransport.class);
        Matcher m = ANSWER.matcher(trace);
        while (m.find()) {
            used.add(m.group(1).equals("dgram") ? KdcTransport.UDP : KdcTransport.TCP);
        }
        return used;
    }

    /** For assertion messages: the command, exit code and both streams. */
    public String describe() {
        return String.join(" ", command) + " -> exit " + exitCode + "\nstdout: " + stdout.strip() + "\nstderr: "
                + stderr.strip();
    }
}
