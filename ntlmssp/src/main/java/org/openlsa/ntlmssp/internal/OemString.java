package org.openlsa.ntlmssp.internal;

import java.nio.charset.StandardCharsets;

/**
 * The OEM character set of NTLMSSP strings sent without NTLMSSP_NEGOTIATE_UNICODE. The OEM code page is a property
 * of the client's locale that the wire does not carry; ISO-8859-1 is the stand-in here (the same one
 * {@code org.openlsa.crypto.LmOwf} uses), so every byte maps to one character and back.
 */
public final class OemString {
    private OemString() {}

    public static String decode(byte[] raw) {
        return new String(raw, StandardCharsets.ISO_8859_1);
    }

    /** True when every character of {@code s} has a one-byte OEM form. */
    public static boolean canEncode(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }

    public static byte[] encode(String s) {
        if (!canEncode(s)) {
            throw new IllegalArgumentException("string has characters without an OEM (ISO-8859-1) form");
        }
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
