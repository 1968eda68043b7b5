package org.openlsa.peers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One long-running {@code ntlm_auth --helper-protocol=ntlm-server-1} process: Samba's verdict on NTLM responses.
 *
 * <p>Protocol as observed with Samba 4.17: a request is {@code Name: value} lines ended by a {@code .} line; the
 * reply is {@code Authenticated: Yes} with {@code LANMAN-Session-Key:} and {@code User-Session-Key:} (upper-case hex)
 * then {@code .}, or {@code Authenticated: No} with {@code Authentication-Error: <text>} then {@code .} and a second
 * {@code .}. A malformed field gets its own {@code Error: <text>} and {@code .} instead ({@link NtlmRequest} rules
 * those out). Requests are answered in order, so several may be in flight ({@link #verifyMany}). Stray {@code .}
 * lines before a reply are skipped, so the parser does not depend on the second {@code .} of a failure.
 *
 * <p>A reply that does not come within the reply timeout fails with a {@link PeerException} and breaks the helper
 * (later calls fail at once). Calls are serialized: use one helper per thread for parallel load.
 */
public final class NtlmAuthHelper implements AutoCloseable {
    /** The reply timeout of {@link SambaNtlmServer#openHelper()}. */
    public static final Duration DEFAULT_REPLY_TIMEOUT = Duration.ofSeconds(30);

    private final LineProcess process;
    private final Duration replyTimeout;

    private NtlmAuthHelper(LineProcess process, Duration replyTimeout) {
        this.process = process;
        this.replyTimeout = replyTimeout;
    }

    static NtlmAuthHelper start(List<String> command, Map<String, String> environment, Duration replyTimeout)
            throws PeerException {
        Objects.requireNonNull(replyTimeout, "replyTimeout");
        if (replyTimeout.isNegative() || replyTimeout.isZero()) {
            throw new IllegalArgumentException("reply timeout must be positive: " + replyTimeout);
        }
        return new NtlmAuthHelper(LineProcess.start("ntlm_auth", command, environment, List.of()), replyTimeout);
    }

    /**
     * Asks Samba whether the responses prove knowledge of the account's password.
     *
     * @param challenge8 the 8-byte server challenge
     * @param lmResponse the 24-byte LM/LMv2 response, or empty
     */
    public SambaVerdict verify(String user, String domain, byte[] challenge8, byte[] ntResponse, byte[] lmResponse)
            throws PeerException {
        return verify(new NtlmRequest(user, domain, challenge8, ntResponse, lmResponse));
    }

    /** Asks Samba for its verdict on one request and waits for it. */
    public synchronized SambaVerdict verify(NtlmRequest request) throws PeerException {
        process.checkUsable();
        process.write(request.toHelperRequest());
        return readVerdict();
    }

    /**
     * Pipelines the requests: all are written (from another thread) while the replies are read, so ntlm_auth never
     * waits for this JVM. Verdicts come in request order.
     */
    public synchronized List<SambaVerdict> verifyMany(List<NtlmRequest> requests) throws PeerException {
        process.checkUsable();
        List<String> encoded = requests.stream().map(NtlmRequest::toHelperRequest).toList();
        Thread writer = Thread.ofVirtual().start(() -> {
            encoded.forEach(process::writeQuietly);
            process.flushQuietly();
        });
        List<SambaVerdict> verdicts = new ArrayList<>(requests.size());
        try {
            for (int i = 0; i < encoded.size(); i++) {
                verdicts.add(readVerdict());
            }
        } catch (PeerException e) {
            process.close(); // unblocks a writer stuck on a full pipe
            throw e;
        } finally {
            try {
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return verdicts;
    }

    private SambaVerdict readVerdict() throws PeerException {
        List<String> reply = new ArrayList<>(4);
        while (true) {
            String line = process.nextLine(replyTimeout);
            if (line.equals(".")) {
                if (reply.isEmpty()) {
                    continue; // the second "." that ends a failure reply
                }
                return parse(reply);
            }
            reply.add(line);
        }
    }

    private SambaVerdict parse(List<String> reply) throws PeerException {
        Boolean authenticated = null;
        Optional<byte[]> userSessionKey = Optional.empty();
        Optional<byte[]> lanmanSessionKey = Optional.empty();
        String error = "";
        for (String line : reply) {
            int colon = line.indexOf(": ");
            String name = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 2);
            switch (name) {
                case "Authenticated" -> {
                    if (!value.equals("Yes") && !value.equals("No")) {
                        throw process.broken("unexpected ntlm_auth line: " + line);
                    }
                    authenticated = value.equals("Yes");
                }
                case "User-Session-Key" -> userSessionKey = Optional.of(parseHex(value, 16, line));
                case "LANMAN-Session-Key" -> lanmanSessionKey = Optional.of(parseHex(value, 8, line));
                case "Authentication-Error" -> error = value;
                // ntlm_auth's protocol error answers each bad line on its own, so the stream is out of step.
                case "Error" -> throw process.broken("ntlm_auth rejected the request: " + value);
                default -> {
                    // other informational lines are not part of the verdict
                }
            }
        }
        if (authenticated == null) {
            throw process.broken("ntlm_auth reply without Authenticated: " + String.join(" | ", reply));
        }
        if (!authenticated && error.isEmpty()) {
            error = "(no Authentication-Error given)";
        }
        return new SambaVerdict(authenticated, authenticated ? userSessionKey : Optional.empty(), error,
                authenticated ? lanmanSessionKey : Optional.empty());
    }

    private byte[] parseHex(String value, int size, String line) throws PeerException {
        byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex(value.strip());
        } catch (IllegalArgumentException e) {
            throw process.broken("bad hex in ntlm_auth line: " + line);
        }
        if (bytes.length != size) {
            throw process.broken("expected " + size + " bytes in ntlm_auth line: " + line);
        }
        return bytes;
    }

    /** The ntlm_auth process id (for diagnostics). */
    public long pid() {
        return process.pid();
    }

    /** Closes ntlm_auth's input (it exits) and kills it if it lingers. */
    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.close();
    }
}
