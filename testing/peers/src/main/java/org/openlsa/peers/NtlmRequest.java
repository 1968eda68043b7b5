package org.openlsa.peers;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One network-logon verification as a server sees it: the account and domain the client named, the server
 * challenge it was given and the client's responses. Valid by construction for what Samba's ntlm_auth accepts.
 *
 * @param user            the user name as the client sent it (no CR or LF)
 * @param domain          the domain as the client sent it, possibly empty (no CR or LF)
 * @param serverChallenge the 8-byte server challenge
 * @param ntResponse      the NtChallengeResponse: empty, or at least 24 bytes (an NTLMv2 response is longer)
 * @param lmResponse      the LmChallengeResponse: empty or exactly 24 bytes; not empty when ntResponse is
 */
public record NtlmRequest(String user, String domain, byte[] serverChallenge, byte[] ntResponse, byte[] lmResponse) {
    public NtlmRequest {
        requireLine(user, "user");
        requireLine(domain, "domain");
        Objects.requireNonNull(serverChallenge, "serverChallenge");
        Objects.requireNonNull(ntResponse, "ntResponse");
        Objects.requireNonNull(lmResponse, "lmResponse");
        if (serverChallenge.length != 8) {
            throw new IllegalArgumentException("server challenge must be 8 bytes, got " + serverChallenge.length);
        }
        // ntlm_auth rejects other lengths with a protocol error instead of a verdict.
        if (ntResponse.length != 0 && ntResponse.length < 24) {
            throw new IllegalArgumentException("NT response must be empty or at least 24 bytes, got "
                    + ntResponse.length);
        }
        if (lmResponse.length != 0 && lmResponse.length != 24) {
            throw new IllegalArgumentException("LM response must be empty or 24 bytes, got " + lmResponse.length);
        }
        if (ntResponse.length == 0 && lmResponse.length == 0) {
            throw new IllegalArgumentException("NT and LM responses are both empty");
        }
        serverChallenge = serverChallenge.clone();
        ntResponse = ntResponse.clone();
        lmResponse = lmResponse.clone();
    }

    /** A request with an NT response only. */
    public static NtlmRequest of(String user, String domain, byte[] serverChallenge, byte[] ntResponse) {
        return new NtlmRequest(user, domain, serverChallenge, ntResponse, new byte[0]);
    }

    private static void requireLine(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException(what + " must not contain CR or LF");
        }
    }

    @Override
    public byte[] serverChallenge() {
        return serverChallenge.clone();
    }

    @Override
    public byte[] ntResponse() {
        return ntResponse.clone();
    }

    @Override
    public byte[] lmResponse() {
        return lmResponse.clone();
    }

    /** The request in ntlm_auth's ntlm-server-1 form, ending with the "." line; asks for both session keys. */
    String toHelperRequest() {
        HexFormat hex = HexFormat.of();
        StringBuilder request = new StringBuilder(160 + 2 * (ntResponse.length + lmResponse.length));
        field(request, "Username", user);
        field(request, "NT-Domain", domain);
        request.append("LANMAN-Challenge: ").append(hex.formatHex(serverChallenge)).append('\n');
        if (ntResponse.length > 0) {
            request.append("NT-Response: ").append(hex.formatHex(ntResponse)).append('\n');
        }
        if (lmResponse.length > 0) {
            request.append("LANMAN-Response: ").append(hex.formatHex(lmResponse)).append('\n');
        }
        request.append("Request-User-Session-Key: Yes\nRequest-LanMan-Session-Key: Yes\n.\n");
        return request.toString();
    }

    private static void field(StringBuilder request, String name, String value) {
        boolean plain = !value.isEmpty() && value.equals(value.strip())
                && value.chars().allMatch(c -> c >= 0x21 && c < 0x7f || c == ' ');
        if (plain || value.isEmpty()) {
            request.append(name).append(": ").append(value).append('\n');
        } else {
            // "Name:: base64" carries values that are not plain ASCII or have edge spaces.
            request.append(name).append(":: ").append(java.util.Base64.getEncoder().encodeToString(
                    value.getBytes(java.nio.charset.StandardCharsets.UTF_8))).append('\n');
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NtlmRequest r && user.equals(r.user) && domain.equals(r.domain)
                && Arrays.equals(serverChallenge, r.serverChallenge) && Arrays.equals(ntResponse, r.ntResponse)
                && Arrays.equals(lmResponse, r.lmResponse);
    }

    @Override
    public int hashCode() {
        return Objects.hash(user, domain, Arrays.hashCode(serverChallenge), Arrays.hashCode(ntResponse),
                Arrays.hashCode(lmResponse));
    }

    @Override
    public String toString() {
        return "NtlmRequest[" + domain + "\\" + user + ", challenge " + HexFormat.of().formatHex(serverChallenge)
                + ", nt " + ntResponse.length + " bytes, lm " + lmResponse.length + " bytes]";
    }
}
