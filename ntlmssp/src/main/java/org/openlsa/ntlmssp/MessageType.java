package org.openlsa.ntlmssp;

/** The MessageType field of an NTLMSSP message (MS-NLMP 2.2). */
public enum MessageType {
    NtLmNegotiate(1),
    NtLmChallenge(2),
    NtLmAuthenticate(3);

    private final int value;

    MessageType(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }
}
