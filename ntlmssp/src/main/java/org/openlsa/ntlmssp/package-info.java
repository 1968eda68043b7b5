/**
 * NTLMSSP (MS-NLMP) and SPNEGO (RFC 4178): immutable message values, their strict codecs, and the session-key
 * arithmetic an NTLM acceptor needs around an MSV1_0 network logon.
 *
 * <h2>Values and codecs</h2>
 * The three NTLM messages are records: {@link org.openlsa.ntlmssp.NegotiateMessage},
 * {@link org.openlsa.ntlmssp.ChallengeMessage}, {@link org.openlsa.ntlmssp.AuthenticateMessage}, with
 * {@link org.openlsa.ntlmssp.NegotiateFlags}, {@link org.openlsa.ntlmssp.Version}, AV pairs
 * ({@link org.openlsa.ntlmssp.AvId}, {@link org.openlsa.ntlmssp.AvPair}, {@link org.openlsa.ntlmssp.TargetInfo}) and
 * the parsed {@link org.openlsa.ntlmssp.NtlmV2Response}. {@link org.openlsa.ntlmssp.NtlmsspCodec} reads and writes
 * them; {@link org.openlsa.ntlmssp.NtlmsspCodec#messageType} peeks at an unknown message. SPNEGO tokens are
 * {@link org.openlsa.ntlmssp.NegTokenInit} and {@link org.openlsa.ntlmssp.NegTokenResp}
 * ({@link org.openlsa.ntlmssp.NegotiationToken}) with {@link org.openlsa.ntlmssp.MechType} OIDs, read and written
 * by {@link org.openlsa.ntlmssp.SpnegoCodec} through a strict DER reader of this module (not Bouncy Castle's ASN.1,
 * whose failure modes are not ours to bound).
 *
 * <p>Every record validates itself at construction and copies arrays in and out, so an instance that the encoder
 * could not write, or that would decode to something else, cannot exist; equality is by content. Every decoder
 * answers malformed bytes with {@code LsaException(INVALID_PARAMETER)} and a message naming the violated bound, and
 * with no other exception; decoding then re-encoding yields a value equal to the decoded one (both properties are
 * fuzzed). Encoders are deterministic and write Windows' layout, which reproduces the MS-NLMP 4.2.4.3 messages and a
 * captured Windows CHALLENGE_MESSAGE byte for byte.
 *
 * <h2>An acceptor's path</h2>
 * <pre>{@code
 * NegotiationToken first = SpnegoCodec.decode(token);             // or raw NTLMSSP: NtlmsspCodec.messageType(token)
 * NegTokenInit init = (NegTokenInit) first;
 * if (init.positionOf(MechType.NTLMSSP).isEmpty()) reply(SpnegoCodec.encode(NegTokenResp.reject()));
 * byte[] negotiateBytes = init.mechTokenFor(MechType.NTLMSSP).orElseThrow();   // at position 0 only
 * NegotiateMessage negotiate = NtlmsspCodec.decodeNegotiate(negotiateBytes);
 * byte[] challengeBytes = NtlmsspCodec.encode(new ChallengeMessage(...));       // keep the exact bytes sent
 * reply(SpnegoCodec.encode(NegTokenResp.acceptIncomplete(MechType.NTLMSSP, Optional.of(challengeBytes))));
 * byte[] authBytes = SpnegoCodec.decodeNegTokenResp(next).responseToken().orElseThrow();
 * AuthenticateMessage auth = NtlmsspCodec.decodeAuthenticate(authBytes);
 * // MSV1_0 network logon with auth.userName(), domainName(), workstation(), the two responses
 * //   -> SessionBaseKey (UserSessionKey) and LanmanSessionKey
 * SecretBytes kx = NtlmKeys.keyExchangeKey(flags, auth.isNtlmV2(), sessionBaseKey, lanmanSessionKey,
 *                                          serverChallenge, auth.lmChallengeResponse());
 * SecretBytes exported = NtlmKeys.exportedSessionKey(flags, kx, auth.encryptedRandomSessionKey());
 * if (auth.mic().isPresent() && !NtlmKeys.verifyMic(exported, negotiateBytes, challengeBytes, authBytes, auth)) fail();
 * SecretBytes sealing = NtlmKeys.sealingKey(flags, exported, NtlmKeys.Mode.SERVER);
 * }</pre>
 *
 * <h2>Security</h2>
 * Keys are {@link org.openlsa.crypto.SecretBytes} the caller destroys; intermediate key copies are zeroed; the MIC
 * is compared in constant time. Challenge responses are not keys but are crackable offline, so
 * {@code toString()} of a message shows their lengths only. Nothing here checks a response against a password:
 * that is MSV1_0's job.
 *
 * <h2>Interoperability choices</h2>
 * <ul>
 *   <li>OEM strings are ISO-8859-1 (the OEM code page is not on the wire); Unicode strings must be well-formed
 *       UTF-16LE, never silently repaired, so the names the NTLMv2 proof covers are exactly the ones received.</li>
 *   <li>MaxLen is ignored; an empty field's offset is not checked (curl writes 0); a non-empty field must lie in the
 *       payload, after the fixed header.</li>
 *   <li>Short forms: a 16-byte NEGOTIATE_MESSAGE, a 32-byte NEGOTIATE without Version (curl), 32/40-byte
 *       CHALLENGE_MESSAGEs without TargetInfo, a 64-byte AUTHENTICATE header (NTLMv1 clients).</li>
 *   <li>The ExportedSessionKey is decrypted whenever NTLMSSP_NEGOTIATE_KEY_EXCH is set, matching what clients do
 *       (see {@link org.openlsa.ntlmssp.NtlmKeys#exportedSessionKey}).</li>
 *   <li>SPNEGO: the first token may be framed (RFC 2743 3.1) or a bare {@code [0]}; reqFlags is read leniently
 *       (advisory); everything else is strict DER. NegTokenInit2 (MS-SPNG's server-initiated form) is not
 *       modelled.</li>
 * </ul>
 */
package org.openlsa.ntlmssp;
