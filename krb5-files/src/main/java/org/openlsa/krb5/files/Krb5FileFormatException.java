package org.openlsa.krb5.files;

import java.io.IOException;

/**
 * A keytab or credential cache file is malformed or of an unsupported version: a length running past the end, a
 * count larger than the bytes left, a version other than the one supported. The message names the field and the
 * bound. An {@link IOException}, since a bad file is an input problem, but the only one the decoders throw.
 */
public final class Krb5FileFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public Krb5FileFormatException(String message) {
        super(message);
    }
}
