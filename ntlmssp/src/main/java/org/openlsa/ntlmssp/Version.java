package org.openlsa.ntlmssp;

/**
 * The VERSION structure (MS-NLMP 2.2.2.10), 8 bytes: ProductMajorVersion (1), ProductMinorVersion (1),
 * ProductBuild (2, little-endian), Reserved (3, zero), NTLMRevisionCurrent (1). It is informational only; the
 * spec says it must not be used for anything but debugging.
 */
public record Version(int productMajorVersion, int productMinorVersion, int productBuild, int ntlmRevisionCurrent) {
    /** The size of the structure on the wire. */
    public static final int BYTES = 8;
    /** NTLMSSP_REVISION_W2K3, the only revision current Windows sends. */
    public static final int NTLMSSP_REVISION_W2K3 = 0x0F;

    public Version {
        checkRange(productMajorVersion, 0xFF, "productMajorVersion");
        checkRange(productMinorVersion, 0xFF, "productMinorVersion");
        checkRange(productBuild, 0xFFFF, "productBuild");
        checkRange(ntlmRevisionCurrent, 0xFF, "ntlmRevisionCurrent");
    }

    private static void checkRange(int v, int max, String field) {
        if (v < 0 || v > max) {
            throw new IllegalArgumentException(field + " must be in [0, " + max + "], not " + v);
        }
    }

    @Override
    public String toString() {
        return productMajorVersion + "." + productMinorVersion + "." + productBuild + " rev " + ntlmRevisionCurrent;
    }
}
