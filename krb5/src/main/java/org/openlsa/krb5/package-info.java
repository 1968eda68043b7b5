/**
 * Kerberos V5 messages as immutable records, named after the RFC 4120 section 5 ASN.1 (Java-cased): {@link
 * org.openlsa.krb5.AsReq}, {@link org.openlsa.krb5.Ticket}, {@link org.openlsa.krb5.EncKdcRepPart}, ...
 *
 * <p>Conventions shared by every record here:
 * <ul>
 *   <li>Octet strings are {@link org.openlsa.krb5.Bytes}: copied in and out, compared by content.</li>
 *   <li>An OPTIONAL field is an {@code Optional}/{@code OptionalInt}/{@code OptionalLong}, except SEQUENCE OF
 *       fields, where an empty list means "absent": the encoder omits it, as RFC 4120 5.1.3 asks senders to,
 *       and an empty SEQUENCE OF received for an optional field reads as absent, as it asks receivers to.</li>
 *   <li>Realms and other KerberosStrings are {@code String}s, carried on the wire as UTF-8 in a GeneralString.</li>
 *   <li>Int32 fields are {@code int}; UInt32 fields (nonces, sequence numbers) are {@code long} in
 *       {@code [0, 2^32)}.</li>
 *   <li>Key material ({@link org.openlsa.krb5.EncryptionKey}) never appears in {@code toString}.</li>
 * </ul>
 * The wire form lives in {@code org.openlsa.krb5.der}; nothing in this package knows about it.
 */
package org.openlsa.krb5;
