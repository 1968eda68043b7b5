package org.openlsa.crypto;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The text columns of the vector files: ASCII with Java \\uXXXX escapes of UTF-16 code units. */
final class VectorText {
    private VectorText() {}

    private static final Pattern ESCAPE = Pattern.compile("\\\\u([0-9a-fA-F]{4})");

    /** Undoes the escapes; a missing CSV value is the empty string. */
    static String unescape(String s) {
        if (s == null) {
            return "";
        }
        Matcher m = ESCAPE.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        }
        return m.appendTail(b).toString();
    }
}
