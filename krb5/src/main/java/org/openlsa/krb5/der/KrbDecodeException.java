package org.openlsa.krb5.der;

/**
 * The one failure of every decoder in {@link KrbCodec}: the input is not a well-formed encoding of the expected
 * message (wrong or missing tags, missing required fields, wrong pvno or msg-type, integers out of range, bad
 * times, trailing octets, nesting too deep, lengths beyond the input, more than {@link KrbCodec#MAX_ENCODING_BYTES}).
 * The message names the structure and the violated rule; it never contains key material.
 *
 * <p>A KDC answers it with KRB_ERR_GENERIC or KDC_ERR_BAD_PVNO / KRB_AP_ERR_MSG_TYPE as RFC 4120 suggests; the
 * codec does not choose.
 */
public final class KrbDecodeException extends Exception {
    public KrbDecodeException(String message) {
        super(message);
    }

    public KrbDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
