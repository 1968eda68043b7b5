package org.openlsa.pac;

/**
 * A PAC, or one of its buffers, is malformed: truncated, an offset or a size outside the buffer, an NDR
 * violation, a count larger than the bytes that could hold it, an unknown serialization header. The message names
 * the structure and the bound that was violated. Decoders in this module throw nothing else.
 */
public final class PacFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public PacFormatException(String message) {
        super(message);
    }
}
