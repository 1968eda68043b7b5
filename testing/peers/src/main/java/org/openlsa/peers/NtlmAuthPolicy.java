package org.openlsa.peers;

/** Values of smb.conf's {@code ntlm auth}: which challenge-response forms Samba's SAM accepts. */
public enum NtlmAuthPolicy {
    /** Only NTLMv2 (and LMv2) responses; a 24-byte NTLMv1 response fails as a wrong password. */
    NTLMV2_ONLY("ntlmv2-only"),
    /** NTLMv1 responses are accepted too. */
    NTLMV1_PERMITTED("ntlmv1-permitted"),
    /** NTLMv2, plus NTLMv1 only for MS-CHAPv2 clients. */
    MSCHAPV2_AND_NTLMV2_ONLY("mschapv2-and-ntlmv2-only"),
    /** No NTLM authentication at all. */
    DISABLED("disabled");

    private final String smbConfValue;

    NtlmAuthPolicy(String smbConfValue) {
        this.smbConfValue = smbConfValue;
    }

    /** The value as written in smb.conf. */
    public String smbConfValue() {
        return smbConfValue;
    }
}
