package org.openlsa.krb5;

import java.util.Objects;

/**
 * One element of {@link AuthorizationData} (RFC 4120 5.2.6): a type and its opaque content. Containers
 * (AD-IF-RELEVANT, AD-AND-OR, ...) hold a nested encoded AuthorizationData in {@code adData}.
 */
public record AuthorizationDataEntry(int adType, Bytes adData) {
    /** Container: elements a server may ignore if it does not understand them (RFC 4120 5.2.6.1). */
    public static final int AD_IF_RELEVANT = 1;
    public static final int AD_INTENDED_FOR_SERVER = 2;
    public static final int AD_INTENDED_FOR_APPLICATION_CLASS = 3;
    /** Container signed by the KDC (RFC 4120 5.2.6.2). */
    public static final int AD_KDC_ISSUED = 4;
    /** Container (RFC 4120 5.2.6.3). */
    public static final int AD_AND_OR = 5;
    public static final int AD_MANDATORY_TICKET_EXTENSIONS = 6;
    public static final int AD_IN_TICKET_EXTENSIONS = 7;
    /** Container the KDC must understand (RFC 4120 5.2.6.4). */
    public static final int AD_MANDATORY_FOR_KDC = 8;
    /** CAMMAC (RFC 7751). */
    public static final int AD_CAMMAC = 96;
    /** FAST armor subkey marker (RFC 6113 5.4.1.1). */
    public static final int AD_FX_FAST_ARMOR = 71;
    /** FAST was used (RFC 6113 5.4.2). */
    public static final int AD_FX_FAST_USED = 72;
    /** The MS-PAC (MS-PAC 2.3, MS-KILE 3.3.5.6.3), inside AD-IF-RELEVANT. */
    public static final int AD_WIN2K_PAC = 128;
    /** Enctype negotiation (RFC 4537). */
    public static final int AD_ETYPE_NEGOTIATION = 129;
    /** KERB-AD-RESTRICTION-ENTRY list (MS-KILE 2.2.6). */
    public static final int KERB_AUTH_DATA_TOKEN_RESTRICTIONS = 141;
    /** KERB-LOCAL, also called KERB_AUTH_DATA_LOOPBACK (MS-KILE). */
    public static final int KERB_LOCAL = 142;
    /** AD-AUTH-DATA-AP-OPTIONS, carrying KERB_AP_OPTIONS_CBT (MS-KILE). */
    public static final int AD_AUTH_DATA_AP_OPTIONS = 143;
    /** KERB-AUTH-DATA-TARGET-PRINCIPAL (MS-KILE). */
    public static final int KERB_AUTH_DATA_TARGET_PRINCIPAL = 144;

    public AuthorizationDataEntry {
        Objects.requireNonNull(adData, "adData");
    }
}
