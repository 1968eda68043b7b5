package org.openlsa.core;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * TOKEN_SOURCE {CHAR SourceName[8]; LUID SourceIdentifier}: who created a token. The name is 1 to 8 printable
 * ASCII characters; on the wire it is padded with spaces to 8 bytes, as Windows' sources are ("Advapi  ", "User32  ").
 */
public record TokenSource(String sourceName, Luid sourceIdentifier) {
    public static final int NAME_LENGTH = 8;

    public TokenSource {
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(sourceIdentifier, "sourceIdentifier");
        if (sourceName.isEmpty() || sourceName.length() > NAME_LENGTH) {
            throw new IllegalArgumentException("TOKEN_SOURCE name has 1 to 8 characters: '" + sourceName + "'");
        }
        if (!sourceName.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException("TOKEN_SOURCE name must be printable ASCII");
        }
        sourceName = padded(sourceName);
    }

    private static String padded(String name) {
        return name.length() == NAME_LENGTH ? name : name + " ".repeat(NAME_LENGTH - name.length());
    }

    /** The 8 name bytes as they stand in the structure. */
    public byte[] nameBytes() {
        return sourceName.getBytes(StandardCharsets.US_ASCII);
    }

    /** The name without its trailing padding. */
    public String trimmedName() {
        return sourceName.stripTrailing();
    }
}
