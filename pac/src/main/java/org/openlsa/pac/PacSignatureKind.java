package org.openlsa.pac;

/**
 * The four PAC_SIGNATURE_DATA buffers ([MS-PAC] 2.8), by ulType. MIT krb5 names: server, privsvr, ticket and
 * full checksum.
 */
public enum PacSignatureKind {
    /** Server signature (6): over the whole PAC with the server, KDC and extended KDC values zeroed, server key. */
    SERVER(PacBuffer.SERVER_CHECKSUM),
    /** KDC signature (7): over the server signature value, krbtgt key; computed last. */
    KDC(PacBuffer.PRIVSVR_CHECKSUM),
    /** Ticket signature (16): over the EncTicketPart with the PAC replaced, krbtgt key; computed first. */
    TICKET(PacBuffer.TICKET_CHECKSUM),
    /** Extended KDC signature (19): over the whole PAC like the server signature, krbtgt key. */
    EXTENDED_KDC(PacBuffer.FULL_CHECKSUM);

    private final int bufferType;

    PacSignatureKind(int bufferType) {
        this.bufferType = bufferType;
    }

    public int bufferType() {
        return bufferType;
    }

    /** The kind stored in buffers of {@code bufferType}, or null when that type holds no signature. */
    public static PacSignatureKind ofBufferTypeOrNull(int bufferType) {
        for (PacSignatureKind k : values()) {
            if (k.bufferType == bufferType) {
                return k;
            }
        }
        return null;
    }

    /**
     * Whether this signature's value is zeroed in the bytes the server and extended KDC signatures cover
     * ([MS-PAC] 2.8: the server, KDC and extended KDC values are; the ticket signature, computed before them, is
     * not).
     */
    public boolean zeroedInChecksumInput() {
        return this != TICKET;
    }
}
