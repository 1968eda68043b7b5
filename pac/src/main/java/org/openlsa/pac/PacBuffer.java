package org.openlsa.pac;

/**
 * One buffer of a PAC, identified by its ulType ([MS-PAC] 2.4). The types this module models have their own
 * records; every other type stays an {@link OpaquePacBuffer} and is re-emitted byte for byte.
 */
public sealed interface PacBuffer permits KerbValidationInfo, PacClientInfo, UpnDnsInfo, PacSignatureData,
        PacAttributesInfo, PacRequestor, OpaquePacBuffer {

    // ulType values, [MS-PAC] 2.4.
    int LOGON_INFO = 1;
    int CREDENTIALS_INFO = 2;
    int SERVER_CHECKSUM = 6;
    int PRIVSVR_CHECKSUM = 7;
    int CLIENT_INFO = 10;
    int CONSTRAINED_DELEGATION_INFO = 11;
    int UPN_DNS_INFO = 12;
    int CLIENT_CLAIMS_INFO = 13;
    int DEVICE_INFO = 14;
    int DEVICE_CLAIMS_INFO = 15;
    int TICKET_CHECKSUM = 16;
    int ATTRIBUTES_INFO = 17;
    int REQUESTOR = 18;
    int FULL_CHECKSUM = 19;

    /** The ulType of the PAC_INFO_BUFFER that holds this buffer (an unsigned 32-bit value). */
    int type();

    /** True for the types this module decodes into their own records (not {@link OpaquePacBuffer}). */
    static boolean isModeled(int type) {
        return switch (type) {
            case LOGON_INFO, SERVER_CHECKSUM, PRIVSVR_CHECKSUM, CLIENT_INFO, UPN_DNS_INFO, TICKET_CHECKSUM,
                    ATTRIBUTES_INFO, REQUESTOR, FULL_CHECKSUM -> true;
            default -> false;
        };
    }
}
