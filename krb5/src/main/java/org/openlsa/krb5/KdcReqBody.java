package org.openlsa.krb5;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * KDC-REQ-BODY (RFC 4120 5.4.1): what the client asks for, in the clear; the TGS-REQ authenticator's checksum
 * covers its encoding (see {@link KdcReq#encodedReqBody}). The nonce is a UInt32 (0..2^32-1). {@code etype} is in
 * the client's order of preference; empty {@code addresses} and {@code additionalTickets} mean absent.
 *
 * <pre>
 * KDC-REQ-BODY    ::= SEQUENCE {
 *         kdc-options             [0] KDCOptions,
 *         cname                   [1] PrincipalName OPTIONAL -- Used only in AS-REQ --,
 *         realm                   [2] Realm -- Server's realm; also client's in AS-REQ --,
 *         sname                   [3] PrincipalName OPTIONAL,
 *         from                    [4] KerberosTime OPTIONAL,
 *         till                    [5] KerberosTime,
 *         rtime                   [6] KerberosTime OPTIONAL,
 *         nonce                   [7] UInt32,
 *         etype                   [8] SEQUENCE OF Int32 -- EncryptionType, in preference order --,
 *         addresses               [9] HostAddresses OPTIONAL,
 *         enc-authorization-data  [10] EncryptedData OPTIONAL -- AuthorizationData --,
 *         additional-tickets      [11] SEQUENCE OF Ticket OPTIONAL
 * }
 * </pre>
 */
public record KdcReqBody(
        KdcOptions kdcOptions,
        Optional<PrincipalName> cname,
        String realm,
        Optional<PrincipalName> sname,
        Optional<KerberosTime> from,
        KerberosTime till,
        Optional<KerberosTime> rtime,
        long nonce,
        List<Integer> etype,
        List<HostAddress> addresses,
        Optional<EncryptedData> encAuthorizationData,
        List<Ticket> additionalTickets) {

    public KdcReqBody {
        Objects.requireNonNull(kdcOptions, "kdcOptions");
        Checks.optional(cname, "cname");
        Checks.string(realm, "realm");
        Checks.optional(sname, "sname");
        Checks.optional(from, "from");
        Objects.requireNonNull(till, "till");
        Checks.optional(rtime, "rtime");
        Checks.uint32(nonce, "nonce");
        etype = Checks.list(etype, "etype");
        addresses = Checks.list(addresses, "addresses");
        Checks.optional(encAuthorizationData, "encAuthorizationData");
        additionalTickets = Checks.list(additionalTickets, "additionalTickets");
    }
}
