package org.openlsa.ntlmssp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.Arrays;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.crypto.HmacMd5;
import org.openlsa.crypto.Rc4;
import org.openlsa.crypto.SecretBytes;

/**
 * NTLM session security with extended session security (MS-NLMP 3.4.4.2, 3.4.2): MAC computation and checking for
 * the server's side of an established context, each direction with its own signing key, RC4 sealing handle and
 * sequence number. It is what SPNEGO's mechListMIC (GSS_GetMIC / GSS_VerifyMIC over the mechTypes) needs, and what
 * a server signing messages would use.
 *
 * <p>NTLMSSP_MESSAGE_SIGNATURE: {@code Version (01000000) || Checksum (8) || SeqNum (4)}, the checksum being
 * {@code HMAC_MD5(SigningKey, SeqNum || Message)[0..8]}, RC4-encrypted with the direction's sealing handle when
 * NTLMSSP_NEGOTIATE_KEY_EXCH was negotiated. Not thread-safe: a context signs and verifies in message order.
 */
public final class NtlmSessionSecurity implements AutoCloseable {
    public static final int SIGNATURE_BYTES = 16;

    private final boolean keyExchange;
    private final SecretBytes serverSigningKey;
    private final SecretBytes clientSigningKey;
    private final Rc4.Stream serverSealing;
    private final Rc4.Stream clientSealing;
    private int serverSeq;
    private int clientSeq;

    private NtlmSessionSecurity(boolean keyExchange, SecretBytes serverSigningKey, SecretBytes clientSigningKey,
                                Rc4.Stream serverSealing, Rc4.Stream clientSealing) {
        this.keyExchange = keyExchange;
        this.serverSigningKey = serverSigningKey;
        this.clientSigningKey = clientSigningKey;
        this.serverSealing = serverSealing;
        this.clientSealing = clientSealing;
    }

    /**
     * The server side of a context whose flags include extended session security.
     *
     * @throws LsaException NOT_SUPPORTED without NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY (the NTLMv1 RC4/CRC32
     *     signature is not offered)
     */
    public static NtlmSessionSecurity forServer(NegotiateFlags flags, SecretBytes exportedSessionKey) throws LsaException {
        if (!flags.has(NegotiateFlags.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY)) {
            throw new LsaException(NtStatus.NOT_SUPPORTED, "NTLM signing without extended session security is not offered");
        }
        SecretBytes serverSign = NtlmKeys.signingKey(flags, exportedSessionKey, NtlmKeys.Mode.SERVER).orElseThrow();
        SecretBytes clientSign = NtlmKeys.signingKey(flags, exportedSessionKey, NtlmKeys.Mode.CLIENT).orElseThrow();
        try (SecretBytes serverSeal = NtlmKeys.sealingKey(flags, exportedSessionKey, NtlmKeys.Mode.SERVER);
             SecretBytes clientSeal = NtlmKeys.sealingKey(flags, exportedSessionKey, NtlmKeys.Mode.CLIENT)) {
            return new NtlmSessionSecurity(flags.has(NegotiateFlags.NTLMSSP_NEGOTIATE_KEY_EXCH), serverSign,
                    clientSign, new Rc4.Stream(serverSeal), new Rc4.Stream(clientSeal));
        }
    }

    /** The signature of the server's next message (GSS_GetMIC). */
    public byte[] sign(byte[] message) {
        return signature(serverSigningKey, serverSealing, serverSeq++, message);
    }

    /**
     * Whether {@code signature} is the client's signature of its next message (GSS_VerifyMIC); the client's sequence
     * number advances either way, as the peer's did when it signed. Compared in constant time.
     */
    public boolean verify(byte[] message, byte[] signature) {
        byte[] expected = signature(clientSigningKey, clientSealing, clientSeq++, message);
        return signature.length == SIGNATURE_BYTES && MessageDigest.isEqual(expected, signature);
    }

    private byte[] signature(SecretBytes signingKey, Rc4.Stream sealing, int seq, byte[] message) {
        byte[] seqBytes = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(seq).array();
        byte[] checksum = Arrays.copyOf(HmacMd5.mac(signingKey, seqBytes, message), 8);
        if (keyExchange) {
            checksum = sealing.process(checksum);
        }
        return ByteBuffer.allocate(SIGNATURE_BYTES).order(ByteOrder.LITTLE_ENDIAN).putInt(1).put(checksum)
                .put(seqBytes).array();
    }

    @Override
    public void close() {
        serverSigningKey.destroy();
        clientSigningKey.destroy();
        serverSealing.destroy();
        clientSealing.destroy();
    }
}
