package org.openlsa.krb5;

/**
 * KERB-PA-PAC-REQUEST (MS-KILE 2.2.3), padata type 128: whether the client wants a PAC in its ticket. Without it, a
 * Windows KDC includes the PAC.
 *
 * <pre>
 * KERB-PA-PAC-REQUEST ::= SEQUENCE {
 *         include-pac[0] BOOLEAN --If TRUE, and no pac present, include PAC.
 *                                --If FALSE, and PAC present, remove PAC
 * }
 * </pre>
 */
public record PaPacRequest(boolean includePac) {}
