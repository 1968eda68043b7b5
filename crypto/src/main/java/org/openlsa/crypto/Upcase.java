package org.openlsa.crypto;

/**
 * Upper-casing of account and domain names as NTLM computes it (MS-NLMP 3.3.2 {@code Uppercase(User)}): one UTF-16
 * code unit at a time through a fixed table, the way Windows' RtlUpcaseUnicodeString and Samba's toupper_m work.
 * A code unit never becomes two ("ß" stays "ß", where {@code String.toUpperCase} makes "SS"), surrogates stay as
 * they are (so characters outside the BMP are never upper-cased), and the result has the input's length.
 *
 * <p>The table is the one Samba 4.17 applies to the user name of an NTLMv2 response, measured code unit by code
 * unit with {@code ntlm_auth} (the interop test {@code SambaUpcaseTest} checks all 63,423 BMP code units from U+0020
 * on against Samba again). It maps 636 lower-case code units to their Unicode simple upper case and leaves every
 * other code unit alone, including many that {@link Character#toUpperCase(char)} maps: µ U+00B5, ı U+0131,
 * ſ U+017F, the title-case digraphs (ǅ U+01C5), Greek symbol variants (ϐ U+03D0), and letters Unicode added after
 * the table was made (ș U+0219, Georgian, Glagolitic, Cherokee, ...). Being fixed here, it does not move with the
 * JDK's Unicode version either.
 */
public final class Upcase {
    private Upcase() {}

    /**
     * Runs of {first, last, delta, step}: every step-th code unit from first to last upper-cases to itself plus
     * delta; code units in no run are their own upper case. Sorted by first, not overlapping.
     */
    private static final int[] RUNS = {
            0x0061, 0x007A, -32, 1, 0x00E0, 0x00F6, -32, 1, 0x00F8, 0x00FE, -32, 1, 0x00FF, 0x00FF, 121, 1,
            0x0101, 0x012F, -1, 2, 0x0133, 0x0137, -1, 2, 0x013A, 0x0148, -1, 2, 0x014B, 0x0177, -1, 2,
            0x017A, 0x017E, -1, 2, 0x0183, 0x0185, -1, 2, 0x0188, 0x0188, -1, 1, 0x018C, 0x018C, -1, 1,
            0x0192, 0x0192, -1, 1, 0x0199, 0x0199, -1, 1, 0x01A1, 0x01A5, -1, 2, 0x01A8, 0x01A8, -1, 1,
            0x01AD, 0x01AD, -1, 1, 0x01B0, 0x01B0, -1, 1, 0x01B4, 0x01B6, -1, 2, 0x01B9, 0x01B9, -1, 1,
            0x01BD, 0x01BD, -1, 1, 0x01C6, 0x01C6, -2, 1, 0x01C9, 0x01C9, -2, 1, 0x01CC, 0x01CC, -2, 1,
            0x01CE, 0x01DC, -1, 2, 0x01DD, 0x01DD, -79, 1, 0x01DF, 0x01EF, -1, 2, 0x01F3, 0x01F3, -2, 1,
            0x01F5, 0x01F5, -1, 1, 0x01FB, 0x0217, -1, 2, 0x0253, 0x0253, -210, 1, 0x0254, 0x0254, -206, 1,
            0x0256, 0x0257, -205, 1, 0x0259, 0x0259, -202, 1, 0x025B, 0x025B, -203, 1, 0x0260, 0x0260, -205, 1,
            0x0263, 0x0263, -207, 1, 0x0268, 0x0268, -209, 1, 0x0269, 0x0269, -211, 1, 0x026F, 0x026F, -211, 1,
            0x0272, 0x0272, -213, 1, 0x0275, 0x0275, -214, 1, 0x0283, 0x0283, -218, 1, 0x0288, 0x0288, -218, 1,
            0x028A, 0x028B, -217, 1, 0x0292, 0x0292, -219, 1, 0x03AC, 0x03AC, -38, 1, 0x03AD, 0x03AF, -37, 1,
            0x03B1, 0x03C1, -32, 1, 0x03C2, 0x03C2, -31, 1, 0x03C3, 0x03CB, -32, 1, 0x03CC, 0x03CC, -64, 1,
            0x03CD, 0x03CE, -63, 1, 0x03E3, 0x03EF, -1, 2, 0x0430, 0x044F, -32, 1, 0x0451, 0x045C, -80, 1,
            0x045E, 0x045F, -80, 1, 0x0461, 0x0481, -1, 2, 0x0491, 0x04BF, -1, 2, 0x04C2, 0x04C4, -1, 2,
            0x04C8, 0x04C8, -1, 1, 0x04CC, 0x04CC, -1, 1, 0x04D1, 0x04EB, -1, 2, 0x04EF, 0x04F5, -1, 2,
            0x04F9, 0x04F9, -1, 1, 0x0561, 0x0586, -48, 1, 0x1E01, 0x1E95, -1, 2, 0x1EA1, 0x1EF9, -1, 2,
            0x1F00, 0x1F07, 8, 1, 0x1F10, 0x1F15, 8, 1, 0x1F20, 0x1F27, 8, 1, 0x1F30, 0x1F37, 8, 1,
            0x1F40, 0x1F45, 8, 1, 0x1F51, 0x1F57, 8, 2, 0x1F60, 0x1F67, 8, 1, 0x1F70, 0x1F71, 74, 1,
            0x1F72, 0x1F75, 86, 1, 0x1F76, 0x1F77, 100, 1, 0x1F78, 0x1F79, 128, 1, 0x1F7A, 0x1F7B, 112, 1,
            0x1F7C, 0x1F7D, 126, 1, 0x1FB0, 0x1FB1, 8, 1, 0x1FD0, 0x1FD1, 8, 1, 0x1FE0, 0x1FE1, 8, 1,
            0x1FE5, 0x1FE5, 7, 1, 0x2170, 0x217F, -16, 1, 0x24D0, 0x24E9, -26, 1, 0xFF41, 0xFF5A, -32, 1
    };

    /** The upper case of one UTF-16 code unit. */
    public static char codeUnit(char c) {
        if (c < 0x80) {
            return c >= 'a' && c <= 'z' ? (char) (c - 32) : c;
        }
        int lo = 0;
        int hi = RUNS.length / 4 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int at = mid * 4;
            if (c < RUNS[at]) {
                hi = mid - 1;
            } else if (c > RUNS[at + 1]) {
                lo = mid + 1;
            } else {
                return (c - RUNS[at]) % RUNS[at + 3] == 0 ? (char) (c + RUNS[at + 2]) : c;
            }
        }
        return c;
    }

    /** {@code s} with every code unit upper-cased by {@link #codeUnit(char)}; same length as {@code s}. */
    public static String of(String s) {
        char[] out = s.toCharArray();
        for (int i = 0; i < out.length; i++) {
            out[i] = codeUnit(out[i]);
        }
        return new String(out);
    }
}
