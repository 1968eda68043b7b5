package org.openlsa.kdc.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.openlsa.core.GroupAttributes;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtTime;
import org.openlsa.core.SidAndAttributes;
import org.openlsa.crypto.kerberos.ChecksumType;
import org.openlsa.crypto.kerberos.KerberosCrypto;
import org.openlsa.crypto.kerberos.KerberosKey;
import org.openlsa.krb5.AuthorizationData;
import org.openlsa.krb5.AuthorizationDataEntry;
import org.openlsa.krb5.Bytes;
import org.openlsa.krb5.ErrorCode;
import org.openlsa.krb5.der.KrbCodec;
import org.openlsa.kdc.client.PacChecks;
import org.openlsa.pac.GroupMembership;
import org.openlsa.pac.KerbValidationInfo;
import org.openlsa.pac.Pac;
import org.openlsa.pac.PacAttributesInfo;
import org.openlsa.pac.PacBuffer;
import org.openlsa.pac.PacClientInfo;
import org.openlsa.pac.PacFormatException;
import org.openlsa.pac.PacRequestor;
import org.openlsa.pac.PacSignatureData;
import org.openlsa.pac.PacSignatureKind;
import org.openlsa.pac.SignablePac;
import org.openlsa.pac.UpnDnsInfo;
import org.openlsa.sam.AccountFlag;
import org.openlsa.sam.AccountRestrictions;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.DomainInfo;
import org.openlsa.sam.SamAccounting;
import org.openlsa.sam.UserAccount;

/**
 * The PAC (MS-PAC) the KDC puts in every ticket: built from the account database for an AS exchange or S4U2Self,
 * verified and re-signed on every TGS exchange, so a service ticket's PAC is always one the KDC itself vouched for.
 *
 * <p>Signatures (MS-PAC 2.8): the server signature with the key the ticket is encrypted in, the KDC signature with
 * the krbtgt key over the server signature. Both use the key's own enctype checksum (hmac-sha1-96-aes256 for an
 * aes256 key, and so on) with key usage 17 (KERB_NON_KERB_CKSUM_SALT).
 */
public final class PacIssuer {
    /** MS-PAC 2.8 and MIT krb5: PAC checksums use key usage 17. */
    static final int USAGE_PAC_CHECKSUM = PacChecks.USAGE_PAC_CHECKSUM;

    private PacIssuer() {}

    /** A fresh, unsigned PAC for {@code user}: logon info with global groups, client info, UPN/DNS info, requestor. */
    public static Pac build(AccountStore store, DomainInfo domain, UserAccount user, Instant authTime,
                            String clientName) throws LsaException {
        List<GroupMembership> groups = new ArrayList<>();
        for (SidAndAttributes g : SamAccounting.globalGroups(store, user, domain)) {
            groups.add(new GroupMembership((int) g.sid().rid(), GroupAttributes.MANDATORY
                    | GroupAttributes.ENABLED_BY_DEFAULT | GroupAttributes.ENABLED));
        }
        Optional<Instant> mustChange = AccountRestrictions.passwordMustChangeAt(user, domain.policy());
        Optional<Instant> canChange = AccountRestrictions.passwordCanChangeAt(user, domain.policy());
        Optional<Instant> kickOff = SamAccounting.kickOffTime(user, authTime);
        KerbValidationInfo info = KerbValidationInfo.builder(domain.sid())
                .logonTime(NtTime.fromInstant(authTime))
                .logoffTime(KerbValidationInfo.NEVER)
                .kickOffTime(kickOff.map(NtTime::fromInstant).orElse(KerbValidationInfo.NEVER))
                .passwordLastSet(user.passwordLastSet().map(NtTime::fromInstant).orElse(0L))
                .passwordCanChange(canChange.map(NtTime::fromInstant).orElse(0L))
                .passwordMustChange(mustChange.map(NtTime::fromInstant).orElse(KerbValidationInfo.NEVER))
                .effectiveName(user.name())
                .fullName(user.fullName())
                .logonScript(user.logonScript())
                .profilePath(user.profilePath())
                .homeDirectory(user.homeDirectory())
                .homeDirectoryDrive(user.homeDirectoryDrive())
                .logonCount(Math.min(0xFFFF, user.logonState().logonCount()))
                .badPasswordCount(Math.min(0xFFFF, user.logonState().badPasswordCount()))
                .userId((int) user.rid())
                .primaryGroupId((int) user.primaryGroupRid())
                .groupIds(groups)
                .userFlags(0)
                .logonServer(domain.machineName())
                .logonDomainName(domain.name())
                .userAccountControl(AccountFlag.toBits(user.flags()))
                .build();
        String dnsDomain = domain.realm().toLowerCase(Locale.ROOT);
        return Pac.of(info,
                new PacClientInfo(NtTime.fromInstant(authTime), clientName),
                UpnDnsInfo.extended(user.name() + "@" + dnsDomain, domain.realm(), true, user.name(), user.sid()),
                PacAttributesInfo.of(PacAttributesInfo.PAC_WAS_REQUESTED),
                new PacRequestor(user.sid()));
    }

    /** The PAC a new ticket carries: built afresh (AS exchange, S4U2Self) or verified from another ticket. */
    public sealed interface TicketPac {
        /** Signs it for a ticket encrypted in {@code serverKey}: AD-IF-RELEVANT { AD-WIN2K-PAC }. */
        AuthorizationData sign(KerberosKey serverKey, KerberosKey krbtgtKey);
    }

    /** A PAC built from the account database. */
    public record Fresh(Pac pac) implements TicketPac {
        @Override
        public AuthorizationData sign(KerberosKey serverKey, KerberosKey krbtgtKey) {
            return PacIssuer.sign(pac, serverKey, krbtgtKey);
        }
    }

    /** A PAC whose signatures {@link #verify} checked, carried into a new ticket (TGS exchange). */
    public record Verified(SignablePac pac) implements TicketPac {
        /**
         * Writes the new signatures over the old ones when the slots fit the keys (same checksum types, no ticket
         * or extended KDC signature, no RODC identifier), as they do for every TGT this KDC issues: no decoding and
         * re-encoding of the PAC. Otherwise rebuilds it as {@link PacIssuer#sign} does.
         */
        @Override
        public AuthorizationData sign(KerberosKey serverKey, KerberosKey krbtgtKey) {
            if (fits(pac, PacSignatureKind.SERVER, serverKey) && fits(pac, PacSignatureKind.KDC, krbtgtKey)
                    && pac.signature(PacSignatureKind.TICKET).isEmpty()
                    && pac.signature(PacSignatureKind.EXTENDED_KDC).isEmpty()) {
                return wrap(signInPlace(pac, serverKey, krbtgtKey));
            }
            return PacIssuer.sign(pac.pac(), serverKey, krbtgtKey);
        }

        private static boolean fits(SignablePac pac, PacSignatureKind kind, KerberosKey key) {
            return pac.signature(kind).filter(s -> s.signatureType() == key.type().checksumType().id()
                    && s.rodcIdentifier().isEmpty()).isPresent();
        }
    }

    /**
     * Signs {@code pac} (dropping any old signatures) and wraps it as the ticket's authorization data:
     * AD-IF-RELEVANT { AD-WIN2K-PAC }, as Windows and MIT place it.
     */
    public static AuthorizationData sign(Pac pac, KerberosKey serverKey, KerberosKey krbtgtKey) {
        List<PacBuffer> buffers = new ArrayList<>();
        for (PacBuffer b : pac.buffers()) {
            if (!(b instanceof PacSignatureData)) {
                buffers.add(b);
            }
        }
        buffers.add(PacSignatureData.zeroed(PacSignatureKind.SERVER, serverKey.type().checksumType().id()));
        buffers.add(PacSignatureData.zeroed(PacSignatureKind.KDC, krbtgtKey.type().checksumType().id()));
        return wrap(signInPlace(SignablePac.prepare(new Pac(buffers)), serverKey, krbtgtKey));
    }

    /** The server signature over the PAC with its signature values zeroed, then the KDC signature over that. */
    private static SignablePac signInPlace(SignablePac s, KerberosKey serverKey, KerberosKey krbtgtKey) {
        ChecksumType serverType = serverKey.type().checksumType();
        ChecksumType kdcType = krbtgtKey.type().checksumType();
        s = s.withSignature(PacSignatureKind.SERVER,
                KerberosCrypto.checksum(serverType, serverKey, USAGE_PAC_CHECKSUM, s.checksumInput()));
        return s.withSignature(PacSignatureKind.KDC,
                KerberosCrypto.checksum(kdcType, krbtgtKey, USAGE_PAC_CHECKSUM, s.kdcChecksumInput()));
    }

    private static AuthorizationData wrap(SignablePac s) {
        AuthorizationData inner = new AuthorizationData(List.of(
                new AuthorizationDataEntry(AuthorizationDataEntry.AD_WIN2K_PAC, Bytes.of(s.toBytes()))));
        return new AuthorizationData(List.of(new AuthorizationDataEntry(AuthorizationDataEntry.AD_IF_RELEVANT,
                Bytes.of(KrbCodec.encode(inner)))));
    }

    /** The encoded PAC inside a ticket's authorization data, if there is exactly one. */
    public static Optional<byte[]> find(AuthorizationData data) throws KdcError {
        try {
            return PacChecks.find(data);
        } catch (PacFormatException e) {
            throw new KdcError(ErrorCode.KRB_AP_ERR_MODIFIED, e.getMessage());
        }
    }

    /**
     * Verifies the PAC of a ticket the KDC issued: the server signature with {@code serverKey} (the key the ticket
     * was encrypted in) and the KDC signature with {@code krbtgtKey}. Any failure is KRB_AP_ERR_MODIFIED: someone
     * who can re-encrypt a ticket but does not hold the krbtgt key must not be able to change its groups.
     */
    public static Verified verify(byte[] encoded, KerberosKey serverKey, KerberosKey krbtgtKey) throws KdcError {
        try {
            return new Verified(PacChecks.verify(encoded, serverKey, Optional.of(krbtgtKey)));
        } catch (PacFormatException e) {
            throw new KdcError(ErrorCode.KRB_AP_ERR_MODIFIED, e.getMessage());
        }
    }
}
