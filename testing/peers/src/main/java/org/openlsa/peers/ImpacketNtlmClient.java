package org.openlsa.peers;

import java.util.List;

/**
 * One NTLMSSP client conversation run by impacket ({@code ntlm.getNTLMSSPType1} / {@code getNTLMSSPType3}),
 * optionally wrapped in SPNEGO the way impacket's SMB client wraps it (NegTokenInit offering only the NTLMSSP
 * mechanism, then a NegTokenResp carrying the AUTHENTICATE message).
 *
 * <p>impacket's NEGOTIATE is 32 bytes without a Version field and names neither domain nor workstation; its
 * AUTHENTICATE uses a random client challenge and, when the CHALLENGE offers key exchange, a random exported
 * session key. As a real client impacket appends a MsvAvTargetName of {@code cifs/<MsvAvNbComputerName>} to the
 * target info, so a CHALLENGE must carry an MsvAvNbComputerName pair. {@link #negotiate()} may be called again
 * after {@link #authenticate} to start another handshake with the same credentials.
 */
public final class ImpacketNtlmClient implements AutoCloseable {
    /** The AUTHENTICATE token and the ExportedSessionKey the client will sign and seal with. */
    public record Authentication(byte[] authenticateMessage, byte[] exportedSessionKey) {
        public Authentication {
            authenticateMessage = authenticateMessage.clone();
            exportedSessionKey = exportedSessionKey.clone();
        }

        @Override
        public byte[] authenticateMessage() {
            return authenticateMessage.clone();
        }

        @Override
        public byte[] exportedSessionKey() {
            return exportedSessionKey.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Authentication a && java.util.Arrays.equals(authenticateMessage, a.authenticateMessage)
                    && java.security.MessageDigest.isEqual(exportedSessionKey, a.exportedSessionKey);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(authenticateMessage);
        }

        @Override
        public String toString() {
            return "Authentication[" + authenticateMessage.length + "-byte AUTHENTICATE]";
        }
    }

    private final Impacket impacket;
    private final String id;
    private final boolean ownsImpacket;

    ImpacketNtlmClient(Impacket impacket, String id, boolean ownsImpacket) {
        this.impacket = impacket;
        this.id = id;
        this.ownsImpacket = ownsImpacket;
    }

    /** Starts a private impacket process for one client; {@link #close()} ends it. */
    public static ImpacketNtlmClient start(String user, String password, String domain, String workstation)
            throws PeerException {
        Impacket impacket = Impacket.start();
        try {
            ImpacketNtlmClient shared = impacket.ntlmClient(user, password, domain, workstation);
            return new ImpacketNtlmClient(impacket, shared.id, true);
        } catch (PeerException | RuntimeException e) {
            impacket.close();
            throw e;
        }
    }

    /** The raw NTLMSSP NEGOTIATE_MESSAGE. */
    public byte[] negotiate() throws PeerException {
        return single(impacket.call("negotiate", id, "0"), "negotiate");
    }

    /** The AUTHENTICATE_MESSAGE answering a raw CHALLENGE_MESSAGE. */
    public Authentication authenticate(byte[] challengeMessage) throws PeerException {
        return authentication(impacket.call("authenticate", id, "0", hex(challengeMessage)));
    }

    /** An SPNEGO NegTokenInit (GSS-API framed) carrying the NEGOTIATE_MESSAGE. */
    public byte[] negotiateSpnego() throws PeerException {
        return single(impacket.call("negotiate", id, "1"), "negotiate");
    }

    /**
     * Takes an SPNEGO NegTokenResp whose responseToken is the CHALLENGE_MESSAGE and answers with a NegTokenResp
     * whose responseToken is the AUTHENTICATE_MESSAGE (impacket sends no mechListMIC).
     */
    public Authentication authenticateSpnego(byte[] negTokenResp) throws PeerException {
        return authentication(impacket.call("authenticate", id, "1", hex(negTokenResp)));
    }

    private static String hex(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException("empty token");
        }
        return java.util.HexFormat.of().formatHex(bytes);
    }

    private static byte[] single(List<byte[]> fields, String command) throws PeerException {
        Impacket.expectFields(fields, 1, command);
        return fields.getFirst();
    }

    private static Authentication authentication(List<byte[]> fields) throws PeerException {
        Impacket.expectFields(fields, 2, "authenticate");
        return new Authentication(fields.get(0), fields.get(1));
    }

    @Override
    public void close() {
        if (ownsImpacket) {
            impacket.close();
        } else {
            try {
                impacket.call("forget", id);
            } catch (PeerException e) {
                // the shared process is gone or broken; nothing to forget
            }
        }
    }
}
