/**
 * Logon structures that more than one authentication package uses, in the serialized 64-bit layout
 * (docs/msv1_0-structures.md). Windows gives MSV1_0 and Kerberos structures of the same layout under different
 * names and MessageTypes (MSV1_0_INTERACTIVE_LOGON and KERB_INTERACTIVE_LOGON, MSV1_0_INTERACTIVE_PROFILE and
 * KERB_INTERACTIVE_PROFILE, MSV1_0_CHANGEPASSWORD_REQUEST and KERB_CHANGEPASSWORD_REQUEST): the values and the
 * layout live here, once, beside the package SPI; each package keeps the MessageTypes that are its own and checks
 * them before it reads the layout. A package never requires another package to read its structures.
 *
 * <p>Structures that hold a password are encoded into, and decoded from, {@link org.openlsa.crypto.SecretBytes}:
 * the serialized buffer is a secret like the password in it, written in place and zeroed when it is closed.
 */
package org.openlsa.engine.spi.logon;
