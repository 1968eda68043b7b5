package org.openlsa.kerberos.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.crypto.kerberos.EncryptionType;
import org.openlsa.crypto.kerberos.KerberosCrypto;
import org.openlsa.crypto.kerberos.KerberosCryptoException;
import org.openlsa.crypto.kerberos.KerberosKey;
import org.openlsa.kdc.client.KdcClient;
import org.openlsa.kdc.client.KdcClient.Credential;
import org.openlsa.kdc.client.PacChecks;
import org.openlsa.krb5.EncTicketPart;
import org.openlsa.krb5.EncryptedData;
import org.openlsa.krb5.KdcOptions;
import org.openlsa.krb5.PrincipalName;
import org.openlsa.krb5.Ticket;
import org.openlsa.krb5.der.KrbCodec;
import org.openlsa.krb5.der.KrbDecodeException;
import org.openlsa.krb5.files.Keytab;
import org.openlsa.krb5.files.KeytabEntry;
import org.openlsa.krb5.files.Principal;
import org.openlsa.pac.Pac;
import org.openlsa.pac.PacFormatException;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.KerberosKeyEntry;
import org.openlsa.sam.KerberosKeySet;
import org.openlsa.sam.UserAccount;

/**
 * Whether a TGT from a password logon may be believed (MIT's krb5_verify_init_creds, Windows' check of the PAC):
 * the AS reply decrypting under the password's key proves only that whoever answered knew the password, which a
 * spoofed KDC can arrange for a password of its own choosing.
 *
 * <ul>
 *   <li>For the embedded realm the LSA holds the krbtgt key: the TGT must decrypt under it, name the client the
 *       reply named, and carry a PAC whose server and KDC signatures both verify with it.</li>
 *   <li>For an external realm the host asks for a service ticket to itself (the first host/ principal of the
 *       realm in its keytab) and decrypts it with its keytab key: only the real KDC knows that key. A PAC in that
 *       ticket must carry a server signature that verifies with the same key.</li>
 * </ul>
 * A ticket that fails is TRUSTED_RELATIONSHIP_FAILURE, the status Windows gives when it cannot trust its DC.
 */
public final class TicketVerifier {
    /** Key usage of a ticket's enc-part (RFC 4120 7.5.1). */
    private static final int USAGE_TICKET = 2;

    /** A verified ticket's PAC (empty when the KDC issued none). */
    public record Verified(Optional<Pac> pac) {}

    private final AccountStore store;
    private final Optional<Path> keytab;

    public TicketVerifier(AccountStore store, Optional<Path> keytab) {
        this.store = store;
        this.keytab = keytab;
    }

    public Verified verifyEmbeddedTgt(Credential tgt) throws LsaException {
        EncryptedData enc = tgt.ticket().encPart();
        try (KerberosKeySet keys = store.kerberosKeys(UserAccount.RID_KRBTGT).orElseThrow(
                () -> untrusted("the account database holds no krbtgt keys"))) {
            if (enc.kvno().isPresent() && enc.kvno().getAsInt() != keys.kvno()) {
                throw untrusted("the TGT is encrypted in krbtgt key version " + enc.kvno().getAsInt()
                        + ", the database holds version " + keys.kvno());
            }
            KerberosKeyEntry entry = keys.key(enc.etype()).orElseThrow(
                    () -> untrusted("the TGT's enctype " + enc.etype() + " is not one of krbtgt's"));
            try (KerberosKey key = KerberosKey.copyOf(EncryptionType.of(enc.etype()).orElseThrow(),
                    entry.key().copyBytes())) {
                EncTicketPart part = decrypt(tgt.ticket(), key);
                checkClient(part, tgt);
                return new Verified(Optional.of(pac(part, key, Optional.of(key))
                        .orElseThrow(() -> untrusted("the TGT carries no PAC"))));
            }
        }
    }

    /**
     * Verifies {@code tgt} from an external KDC through a service ticket to this host; the service ticket is added
     * to {@code keep} (it belongs in the session's cache).
     */
    public Verified verifyThroughHostTicket(KdcClient kdc, Credential tgt, List<Credential> keep)
            throws LsaException {
        String realm = tgt.crealm();
        Path path = keytab.orElseThrow(() -> untrusted("no keytab is configured to verify tickets from " + realm));
        if (!Files.isReadable(path)) {
            throw untrusted("the keytab " + path + " does not exist or cannot be read; it must hold a host/ key of "
                    + realm + " to verify its KDC");
        }
        try (Keytab kt = Keytab.read(path)) {
            Principal host = hostPrincipal(kt, realm).orElseThrow(() -> untrusted("the keytab " + path
                    + " holds no key of realm " + realm));
            Credential service;
            try {
                service = kdc.tgsExchange(tgt, new PrincipalName(PrincipalName.NT_SRV_HST, host.components()),
                        KdcOptions.of(), List.of(), List.of());
            } catch (KdcClient.KdcRefusal r) {
                throw untrusted("the KDC refused a ticket for " + host + ": " + r.getMessage());
            } catch (IOException | KerberosCryptoException | KrbDecodeException e) {
                throw untrusted("no ticket for " + host + ": " + e.getMessage());
            }
            keep.add(service);
            EncryptedData enc = service.ticket().encPart();
            KeytabEntry entry = kt.entriesFor(host).stream()
                    .filter(e -> e.key().enctype() == enc.etype())
                    .filter(e -> enc.kvno().isEmpty() || (e.kvno() & 0xFF) == (enc.kvno().getAsInt() & 0xFF))
                    .max(java.util.Comparator.comparingInt(KeytabEntry::kvno))
                    .orElseThrow(() -> untrusted("the keytab has no key of " + host + " for enctype " + enc.etype()
                            + (enc.kvno().isPresent() ? " and version " + enc.kvno().getAsInt() : "")));
            try (KerberosKey key = KerberosKey.copyOf(EncryptionType.of(enc.etype()).orElseThrow(),
                    entry.key().key().copyBytes())) {
                EncTicketPart part = decrypt(service.ticket(), key);
                checkClient(part, tgt);
                return new Verified(pac(part, key, Optional.empty()));
            }
        } catch (IOException e) {
            throw untrusted("the keytab " + path + " cannot be read: " + e.getMessage());
        }
    }

    /** The realm's host/ principal in the keytab (MIT's choice too), else its first principal of the realm. */
    private static Optional<Principal> hostPrincipal(Keytab kt, String realm) {
        List<Principal> inRealm = kt.entries().stream().map(KeytabEntry::principal)
                .filter(p -> p.realm().equals(realm)).distinct().toList();
        return inRealm.stream().filter(p -> p.components().size() == 2 && p.components().getFirst().equals("host"))
                .findFirst().or(() -> inRealm.stream().findFirst());
    }

    private static EncTicketPart decrypt(Ticket ticket, KerberosKey key) throws LsaException {
        try {
            byte[] plain = KerberosCrypto.decrypt(key, USAGE_TICKET, ticket.encPart().cipher().toByteArray());
            try {
                return KrbCodec.decodeEncTicketPart(plain);
            } finally {
                java.util.Arrays.fill(plain, (byte) 0);
            }
        } catch (KerberosCryptoException e) {
            throw untrusted("the ticket does not decrypt with this host's key: the KDC that issued it does not know "
                    + "the key (a spoofed KDC, or a stale keytab)");
        } catch (KrbDecodeException e) {
            throw untrusted("the ticket's encrypted part is malformed: " + e.getMessage());
        }
    }

    private static void checkClient(EncTicketPart part, Credential tgt) throws LsaException {
        if (!part.crealm().equals(tgt.crealm()) || !part.cname().sameNameAs(tgt.cname())) {
            throw untrusted("the ticket names " + part.cname().format(part.crealm()) + ", the reply "
                    + tgt.cname().format(tgt.crealm()));
        }
    }

    private static Optional<Pac> pac(EncTicketPart part, KerberosKey serverKey, Optional<KerberosKey> kdcKey)
            throws LsaException {
        try {
            Optional<byte[]> encoded = PacChecks.find(part.authorizationData());
            if (encoded.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(PacChecks.verify(encoded.get(), serverKey, kdcKey).pac());
        } catch (PacFormatException e) {
            throw untrusted("the ticket's PAC: " + e.getMessage());
        }
    }

    private static LsaException untrusted(String why) {
        return new LsaException(NtStatus.TRUSTED_RELATIONSHIP_FAILURE, why);
    }
}
