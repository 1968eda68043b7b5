package org.openlsa.peers;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Samba as the accepting side of an NTLMSSP handshake, raw or wrapped in SPNEGO: one long-running
 * {@code ntlm_auth --helper-protocol=squid-2.5-ntlmssp} (raw) or {@code gss-spnego} process that checks the
 * AUTHENTICATE message against its server's tdbsam. For testing a client (impacket, or OpenLSA's own) against an
 * independent server.
 *
 * <p>Protocol as observed with Samba 4.17, one base64 token per line: {@code YR <token>} starts a handshake (and
 * abandons any earlier one), {@code KK <token>} continues it; replies are {@code TT <token>} (continue),
 * {@code AF <user>} (accepted) or {@code NA <reason>} (refused: NT_STATUS_LOGON_FAILURE for a bad password,
 * NT_STATUS_INVALID_PARAMETER for a malformed AUTHENTICATE such as one not echoing the AV pairs), and in the
 * SPNEGO protocol a token (or {@code *}) comes before the user or reason. {@code BH <reason>} is a broken helper.
 */
public final class SambaNtlmsspAcceptor implements AutoCloseable {
    /** What the acceptor decided about one token. */
    public enum Outcome {
        /** The token is answered by {@link Reply#token()}; send the client's next one with {@link #next}. */
        CONTINUE,
        /** The client authenticated; {@link Reply#detail()} is {@code DOMAIN\\user}. */
        ACCEPTED,
        /** The client was refused; {@link Reply#detail()} is Samba's reason. */
        REFUSED
    }

    /**
     * One acceptor reply.
     *
     * @param token  the token for the client: the CHALLENGE (raw) or a NegTokenResp (SPNEGO); may be empty
     * @param detail {@code DOMAIN\\user} when accepted, the reason when refused, otherwise empty
     */
    public record Reply(Outcome outcome, byte[] token, String detail) {
        public Reply {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(detail, "detail");
            token = token.clone();
        }

        @Override
        public byte[] token() {
            return token.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Reply r && outcome == r.outcome && java.util.Arrays.equals(token, r.token)
                    && detail.equals(r.detail);
        }

        @Override
        public int hashCode() {
            return Objects.hash(outcome, java.util.Arrays.hashCode(token), detail);
        }

        @Override
        public String toString() {
            return "Reply[" + outcome + ", " + token.length + "-byte token" + (detail.isEmpty() ? "" : ", " + detail)
                    + "]";
        }
    }

    private final LineProcess process;
    private final boolean spnego;
    private final Duration replyTimeout;

    private SambaNtlmsspAcceptor(LineProcess process, boolean spnego, Duration replyTimeout) {
        this.process = process;
        this.spnego = spnego;
        this.replyTimeout = replyTimeout;
    }

    static SambaNtlmsspAcceptor start(String ntlmAuth, String configFile, Map<String, String> environment,
            boolean spnego, Duration replyTimeout) throws PeerException {
        String protocol = spnego ? "gss-spnego" : "squid-2.5-ntlmssp";
        return new SambaNtlmsspAcceptor(LineProcess.start("ntlm_auth " + protocol,
                List.of(ntlmAuth, "--helper-protocol=" + protocol, "--configfile=" + configFile), environment,
                List.of()), spnego, replyTimeout);
    }

    /** Whether tokens are SPNEGO-wrapped. */
    public boolean spnego() {
        return spnego;
    }

    /** Starts a new handshake with the client's first token (NEGOTIATE, or a NegTokenInit carrying it). */
    public synchronized Reply start(byte[] firstToken) throws PeerException {
        return exchange("YR", firstToken);
    }

    /** Continues the handshake with the client's next token (AUTHENTICATE, or a NegTokenResp carrying it). */
    public synchronized Reply next(byte[] token) throws PeerException {
        return exchange("KK", token);
    }

    private Reply exchange(String verb, byte[] token) throws PeerException {
        if (token == null || token.length == 0) {
            throw new IllegalArgumentException("empty token");
        }
        process.checkUsable();
        process.write(verb + " " + Base64.getEncoder().encodeToString(token) + "\n");
        String line = process.nextLine(replyTimeout);
        String[] words = line.split(" ", spnego ? 3 : 2);
        String code = words[0];
        if (code.equals("BH")) {
            throw process.broken("ntlm_auth says it is broken: " + line);
        }
        byte[] replyToken = new byte[0];
        String detail;
        if (spnego) {
            String tokenWord = words.length > 1 ? words[1] : "*";
            replyToken = tokenWord.equals("*") ? new byte[0] : decode(tokenWord, line);
            detail = words.length > 2 ? words[2] : "";
        } else {
            detail = words.length > 1 ? words[1] : "";
            if (code.equals("TT")) {
                replyToken = decode(detail, line);
                detail = "";
            }
        }
        return switch (code) {
            case "TT" -> new Reply(Outcome.CONTINUE, replyToken, "");
            case "AF" -> new Reply(Outcome.ACCEPTED, replyToken, detail);
            case "NA" -> new Reply(Outcome.REFUSED, replyToken, detail);
            default -> throw process.broken("unexpected ntlm_auth reply: " + line);
        };
    }

    private byte[] decode(String base64, String line) throws PeerException {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw process.broken("bad base64 in ntlm_auth reply: " + line);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.close();
    }
}
