package org.openlsa.ntlmssp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.openlsa.core.LsaException;
import org.openlsa.crypto.HmacMd5;
import org.openlsa.crypto.NtOwf;
import org.openlsa.crypto.NtlmV2;
import org.openlsa.crypto.Rc4;
import org.openlsa.crypto.SecretBytes;

/**
 * A minimal NTLMv2 client for acceptor tests, built from the codecs and the MS-NLMP primitives: NEGOTIATE, then an
 * AUTHENTICATE for the CHALLENGE it gets, with a MIC and a random session key exchanged, echoing the server's
 * TargetInfo and timestamp and announcing the MIC in MsvAvFlags as Windows clients do. {@link #echoing} changes
 * what it echoes, to make the malformed messages real clients never send. It also signs (the client side of
 * {@link NtlmSessionSecurity}) so SPNEGO's mechListMIC can be tested. Shared with the interop tests (test jar),
 * where it talks to Samba's acceptor too.
 */
public final class TestNtlmClient {
    static final int FLAGS = NegotiateFlags.NTLMSSP_NEGOTIATE_UNICODE | NegotiateFlags.NTLMSSP_REQUEST_TARGET
            | NegotiateFlags.NTLMSSP_NEGOTIATE_NTLM | NegotiateFlags.NTLMSSP_NEGOTIATE_ALWAYS_SIGN
            | NegotiateFlags.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY | NegotiateFlags.NTLMSSP_NEGOTIATE_VERSION
            | NegotiateFlags.NTLMSSP_NEGOTIATE_128 | NegotiateFlags.NTLMSSP_NEGOTIATE_KEY_EXCH
            | NegotiateFlags.NTLMSSP_NEGOTIATE_SIGN;
    private static final Version VERSION = new Version(10, 0, 19041, Version.NTLMSSP_REVISION_W2K3);

    private final String user;
    private final String domain;
    private final String password;
    private UnaryOperator<List<AvPair>> echo = UnaryOperator.identity();
    byte[] negotiate;
    byte[] exportedSessionKey;
    NegotiateFlags flags;

    public TestNtlmClient(String user, String domain, String password) {
        this.user = user;
        this.domain = domain;
        this.password = password;
    }

    /**
     * From now on, echoes {@code edit} applied to the CHALLENGE's AV pairs (the blob's time stays the CHALLENGE's
     * MsvAvTimestamp, and MsvAvFlags announcing the MIC is still added after them).
     */
    public TestNtlmClient echoing(UnaryOperator<List<AvPair>> edit) {
        echo = edit;
        return this;
    }

    /**
     * Echoes no real client sends, by name: each leaves out or changes a pair of any server's TargetInfo that has
     * the NetBIOS names, a DNS domain name and MsvAvTimestamp (as OpenLSA's and Samba's acceptors send).
     */
    public static Map<String, UnaryOperator<List<AvPair>>> malformedEchoes() {
        Map<String, UnaryOperator<List<AvPair>>> m = new LinkedHashMap<>();
        m.put("MsvAvTimestamp one tick later", replacing(AvId.MsvAvTimestamp,
                p -> AvPair.ofTimestamp(TargetInfo.of(p).timestamp().orElseThrow() + 1)));
        m.put("without MsvAvTimestamp", without(AvId.MsvAvTimestamp));
        m.put("without MsvAvNbComputerName", without(AvId.MsvAvNbComputerName));
        m.put("without MsvAvNbDomainName", without(AvId.MsvAvNbDomainName));
        m.put("without MsvAvDnsDomainName", without(AvId.MsvAvDnsDomainName));
        m.put("MsvAvNbComputerName of another server", replacing(AvId.MsvAvNbComputerName,
                p -> AvPair.ofName(AvId.MsvAvNbComputerName, "OTHERSRV")));
        m.put("MsvAvNbDomainName in lower case", replacing(AvId.MsvAvNbDomainName,
                p -> AvPair.ofName(AvId.MsvAvNbDomainName, new String(p.value(), StandardCharsets.UTF_16LE)
                        .toLowerCase(Locale.ROOT))));
        m.put("none of the server's pairs", pairs -> List.of());
        return m;
    }

    private static UnaryOperator<List<AvPair>> without(AvId id) {
        return pairs -> pairs.stream().filter(p -> p.avId() != id.value()).toList();
    }

    private static UnaryOperator<List<AvPair>> replacing(AvId id, UnaryOperator<AvPair> change) {
        return pairs -> pairs.stream().map(p -> p.avId() == id.value() ? change.apply(p) : p).toList();
    }

    public byte[] negotiate() {
        negotiate = NtlmsspCodec.encode(new NegotiateMessage(new NegotiateFlags(FLAGS), "", "", Optional.of(VERSION)));
        return negotiate.clone();
    }

    /** The AUTHENTICATE for {@code challengeBytes}, with a correct MIC unless {@code micTamper}. */
    public byte[] authenticate(byte[] challengeBytes, boolean micTamper) throws LsaException {
        ChallengeMessage challenge = NtlmsspCodec.decodeChallenge(challengeBytes);
        flags = challenge.negotiateFlags();
        TargetInfo serverInfo = challenge.targetInfo().orElseThrow();
        List<AvPair> pairs = new ArrayList<>(echo.apply(serverInfo.pairs()));
        pairs.add(AvPair.ofFlags(TargetInfo.MSV_AV_FLAG_MIC_PRESENT));
        byte[] avPairs = NtlmsspCodec.encode(new TargetInfo(pairs));
        byte[] clientChallenge = {1, 2, 3, 4, 5, 6, 7, 8};
        long time = serverInfo.timestamp().orElse(0L);
        byte[] randomKey = new byte[16];
        Arrays.fill(randomKey, (byte) 0x55);
        try (SecretBytes hash = NtOwf.ntOwfV1(password.toCharArray());
             SecretBytes owf = NtlmV2.ntOwfV2(hash, user, domain)) {
            // The AV pairs of the blob without their trailing EOL: clientBlob appends the 4 zero bytes itself.
            byte[] blob = NtlmV2.clientBlob(time, clientChallenge, Arrays.copyOf(avPairs, avPairs.length - 4));
            byte[] nt = NtlmV2.ntResponse(owf, challenge.serverChallenge(), blob);
            byte[] lm = new byte[24]; // MsvAvTimestamp present: the LM response is Z(24)
            byte[] encryptedKey;
            try (SecretBytes kx = NtlmV2.sessionBaseKey(owf, Arrays.copyOf(nt, 16));
                 SecretBytes random = SecretBytes.copyOf(randomKey)) {
                encryptedKey = Rc4.encryptSessionKey(kx, random);
            }
            exportedSessionKey = randomKey;
            AuthenticateMessage unsigned = new AuthenticateMessage(lm, nt, domain, user, "CLIENTPC", encryptedKey,
                    flags, Optional.of(VERSION), Optional.of(new byte[16]));
            byte[] zeroed = NtlmsspCodec.encode(unsigned);
            byte[] mic;
            try (SecretBytes exported = SecretBytes.copyOf(randomKey)) {
                mic = NtlmKeys.computeMic(exported, negotiate, challengeBytes, zeroed);
            }
            if (micTamper) {
                mic[0] ^= 1;
            }
            return NtlmsspCodec.encode(unsigned.withMic(mic));
        }
    }

    /** The client's signature of its first message (sequence 0), as GSS_GetMIC makes it under ESS and KEY_EXCH. */
    byte[] clientSignature(byte[] message) {
        return firstSignature(NtlmKeys.Mode.CLIENT, message);
    }

    /** Whether {@code signature} is the server's first signature of {@code message}. */
    boolean verifyServerSignature(byte[] message, byte[] signature) {
        return Arrays.equals(firstSignature(NtlmKeys.Mode.SERVER, message), signature);
    }

    /** NTLMSSP_MESSAGE_SIGNATURE of sequence number 0 in one direction, computed independently of NtlmSessionSecurity. */
    private byte[] firstSignature(NtlmKeys.Mode direction, byte[] message) {
        try (SecretBytes exported = SecretBytes.copyOf(exportedSessionKey);
             SecretBytes sign = NtlmKeys.signingKey(flags, exported, direction).orElseThrow();
             SecretBytes seal = NtlmKeys.sealingKey(flags, exported, direction);
             Rc4.Stream rc4 = new Rc4.Stream(seal)) {
            byte[] seq = new byte[4];
            byte[] checksum = rc4.process(Arrays.copyOf(HmacMd5.mac(sign, seq, message), 8));
            return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(1).put(checksum).put(seq).array();
        }
    }
}
