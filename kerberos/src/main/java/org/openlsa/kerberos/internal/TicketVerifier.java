package org.openlsa.kerberos.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
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
import org.openlsa.sam.DomainInfo;
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
 *
 * <p>The same keys open the service tickets of ticket logons (KERB_TICKET_LOGON) and S4U logons: "this host" is
 * {@link HostAccount} in the embedded realm and any principal of the keytab otherwise, as MIT's krb5_rd_req with
 * the default keytab accepts any of them.
 */
public final class TicketVerifier {
    /** Key usage of a ticket's enc-part (RFC 4120 7.5.1). */
    private static final int USAGE_TICKET = 2;

    /** A verified ticket's PAC (empty when the KDC issued none). */
    public record Verified(Optional<Pac> pac) {}

    /** A ticket to this host, decrypted, its client checked, its PAC verified. */
    public record Opened(EncTicketPart part, Optional<Pac> pac) {}

    /** This host's principal and key in a realm, for asking tickets as the host (S4U2Self). The caller closes it. */
    public record HostKey(PrincipalName name, KerberosKey key) implements AutoCloseable {
        @Override
        public void close() {
            key.destroy();
        }
    }

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
            try (KerberosKey key = storedKey(keys, enc, "krbtgt", NtStatus.TRUSTED_RELATIONSHIP_FAILURE)) {
                EncTicketPart part = decrypt(tgt.ticket(), key, NtStatus.TRUSTED_RELATIONSHIP_FAILURE);
                checkClient(part, tgt);
                return new Verified(Optional.of(pac(part, key, Optional.of(key), NtStatus.TRUSTED_RELATIONSHIP_FAILURE)
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
        try (Keytab kt = readKeytab(realm, NtStatus.TRUSTED_RELATIONSHIP_FAILURE)) {
            Principal host = hostPrincipal(kt, realm).orElseThrow(() -> untrusted("the keytab " + keytab.orElseThrow()
                    + " holds no key of realm " + realm));
            Credential service;
            try {
                // It joins the session's cache: asked for like every other service ticket of a session.
                service = kdc.serviceTicket(tgt, new PrincipalName(PrincipalName.NT_SRV_HST, host.components()));
            } catch (KdcClient.KdcRefusal r) {
                throw untrusted("the KDC refused a ticket for " + host + ": " + r.getMessage());
            } catch (IOException | KerberosCryptoException | KrbDecodeException e) {
                throw untrusted("no ticket for " + host + ": " + e.getMessage());
            }
            keep.add(service);
            Opened opened = openWithKeytab(kt, service.ticket(), NtStatus.TRUSTED_RELATIONSHIP_FAILURE);
            checkClient(opened.part(), tgt);
            return new Verified(opened.pac());
        }
    }

    /**
     * Opens a ticket that claims to be for this host: in the embedded realm it must name {@link HostAccount}'s
     * account (by any of its names) and is checked with the database's keys, both PAC signatures included;
     * otherwise it must name a principal of the keytab. Failures are {@code failure} (LOGON_FAILURE for a ticket a
     * caller presents, TRUSTED_RELATIONSHIP_FAILURE for one the KDC just issued).
     */
    public Opened openHostTicket(Ticket ticket, boolean embeddedRealm, DomainInfo domain, NtStatus failure)
            throws LsaException {
        if (embeddedRealm) {
            UserAccount host = HostAccount.find(store, domain).orElseThrow(() -> new LsaException(failure,
                    "this host has no account in realm " + domain.realm() + " (nothing holds " + HostAccount.spn(domain)
                    + ")"));
            UserAccount named = serviceAccount(ticket.sname()).orElseThrow(() -> new LsaException(failure,
                    "the ticket is for " + ticket.sname().format(ticket.realm()) + ", which realm " + domain.realm()
                    + " does not know"));
            if (!ticket.realm().equalsIgnoreCase(domain.realm()) || named.rid() != host.rid()) {
                throw new LsaException(failure, "the ticket is for " + ticket.sname().format(ticket.realm())
                        + ", not for this host (" + HostAccount.spn(domain) + "@" + domain.realm() + ")");
            }
            try (KerberosKeySet keys = store.kerberosKeys(host.rid()).orElseThrow(() -> new LsaException(failure,
                    "this host's account has no Kerberos keys"));
                 KerberosKeySet kdcKeys = store.kerberosKeys(UserAccount.RID_KRBTGT).orElseThrow(
                         () -> new LsaException(failure, "the account database holds no krbtgt keys"));
                 KerberosKey key = storedKey(keys, ticket.encPart(), host.name(), failure)) {
                EncTicketPart part = decrypt(ticket, key, failure);
                Optional<Pac> pac = Optional.empty();
                Optional<byte[]> encoded = findPac(part, failure);
                if (encoded.isPresent()) {
                    // The PAC's KDC signature is made with krbtgt's key of the enctype the PAC names: try each.
                    pac = Optional.of(verifyWithAnyKdcKey(encoded.get(), key, kdcKeys, failure));
                }
                return new Opened(part, pac);
            }
        }
        try (Keytab kt = readKeytab(ticket.realm(), failure)) {
            return openWithKeytab(kt, ticket, failure);
        }
    }

    /**
     * This host's key in {@code realm}, in the most preferred of {@code enctypes} it has: in the embedded realm that
     * of {@link HostAccount} (made now if there is none), elsewhere the newest of the keytab's host/ principal.
     */
    public HostKey hostKey(String realm, boolean embeddedRealm, DomainInfo domain, List<EncryptionType> enctypes,
                           SecureRandom random, Instant now) throws LsaException {
        if (embeddedRealm) {
            UserAccount host = HostAccount.ensure(store, domain, random, now);
            try (KerberosKeySet keys = store.kerberosKeys(host.rid()).orElseThrow(() -> new LsaException(
                    NtStatus.TRUSTED_RELATIONSHIP_FAILURE, "this host's account " + host.name()
                    + " has no Kerberos keys"))) {
                for (EncryptionType t : enctypes) {
                    Optional<KerberosKeyEntry> e = keys.key(t.id());
                    if (e.isPresent()) {
                        return new HostKey(PrincipalName.principal(host.name()),
                                KerberosKey.copyOf(t, e.get().key().copyBytes()));
                    }
                }
                throw new LsaException(NtStatus.TRUSTED_RELATIONSHIP_FAILURE, host.name() + " has no key in "
                        + enctypes);
            }
        }
        try (Keytab kt = readKeytab(realm, NtStatus.NO_LOGON_SERVERS)) {
            Principal host = hostPrincipal(kt, realm).orElseThrow(() -> new LsaException(NtStatus.NO_LOGON_SERVERS,
                    "the keytab " + keytab.orElseThrow() + " holds no key of realm " + realm
                    + ": this host cannot act in that realm"));
            List<KeytabEntry> entries = kt.entriesFor(host);
            int newest = entries.stream().mapToInt(KeytabEntry::kvno).max().orElseThrow();
            for (EncryptionType type : enctypes) {
                for (KeytabEntry e : entries) {
                    if (e.kvno() == newest && e.key().enctype() == type.id()) {
                        return new HostKey(new PrincipalName(PrincipalName.NT_SRV_HST, host.components()),
                                KerberosKey.copyOf(type, e.key().key().copyBytes()));
                    }
                }
            }
            throw new LsaException(NtStatus.NO_LOGON_SERVERS, "the keytab holds no key of " + host
                    + " in an enctype this LSA uses (" + enctypes + ")");
        }
    }

    private Optional<UserAccount> serviceAccount(PrincipalName sname) throws LsaException {
        List<String> s = sname.nameString();
        if (s.size() == 1) {
            return store.findUser(s.getFirst());
        }
        return s.isEmpty() ? Optional.empty() : store.findUserByServicePrincipalName(String.join("/", s));
    }

    private Keytab readKeytab(String realm, NtStatus failure) throws LsaException {
        Path path = keytab.orElseThrow(() -> new LsaException(failure, "no keytab is configured for tickets of realm "
                + realm));
        if (!Files.isReadable(path)) {
            throw new LsaException(failure, "the keytab " + path + " does not exist or cannot be read; it must hold "
                    + "a host/ key of " + realm);
        }
        try {
            return Keytab.read(path);
        } catch (IOException e) {
            throw new LsaException(failure, "the keytab " + path + " cannot be read: " + e.getMessage());
        }
    }

    private static Opened openWithKeytab(Keytab kt, Ticket ticket, NtStatus failure) throws LsaException {
        Principal server = new Principal(ticket.sname().nameType(), ticket.sname().nameString(), ticket.realm());
        EncryptedData enc = ticket.encPart();
        List<KeytabEntry> mine = kt.entriesFor(server);
        if (mine.isEmpty()) {
            throw new LsaException(failure, "the ticket is for " + ticket.sname().format(ticket.realm())
                    + ", which the keytab does not hold: not this host");
        }
        KeytabEntry entry = mine.stream()
                .filter(e -> e.key().enctype() == enc.etype())
                .filter(e -> enc.kvno().isEmpty() || (e.kvno() & 0xFF) == (enc.kvno().getAsInt() & 0xFF))
                .max(Comparator.comparingInt(KeytabEntry::kvno))
                .orElseThrow(() -> new LsaException(failure, "the keytab has no key of " + server + " for enctype "
                        + enc.etype() + (enc.kvno().isPresent() ? " and version " + enc.kvno().getAsInt() : "")));
        EncryptionType type = EncryptionType.of(enc.etype()).orElseThrow(() -> new LsaException(failure,
                "the ticket's enctype " + enc.etype() + " is not supported"));
        try (KerberosKey key = KerberosKey.copyOf(type, entry.key().key().copyBytes())) {
            EncTicketPart part = decrypt(ticket, key, failure);
            return new Opened(part, pac(part, key, Optional.empty(), failure));
        }
    }

    private static KerberosKey storedKey(KerberosKeySet keys, EncryptedData enc, String account, NtStatus failure)
            throws LsaException {
        if (enc.kvno().isPresent() && enc.kvno().getAsInt() != keys.kvno()) {
            throw new LsaException(failure, "the ticket is encrypted in " + account + "'s key version "
                    + enc.kvno().getAsInt() + ", the database holds version " + keys.kvno());
        }
        KerberosKeyEntry entry = keys.key(enc.etype()).orElseThrow(() -> new LsaException(failure,
                "the ticket's enctype " + enc.etype() + " is not one of " + account.toLowerCase(Locale.ROOT) + "'s"));
        EncryptionType type = EncryptionType.of(enc.etype()).orElseThrow(() -> new LsaException(failure,
                "the ticket's enctype " + enc.etype() + " is not supported"));
        return KerberosKey.copyOf(type, entry.key().copyBytes());
    }

    /** The realm's host/ principal in the keytab (MIT's choice too), else its first principal of the realm. */
    private static Optional<Principal> hostPrincipal(Keytab kt, String realm) {
        List<Principal> inRealm = kt.entries().stream().map(KeytabEntry::principal)
                .filter(p -> p.realm().equals(realm)).distinct().toList();
        return inRealm.stream().filter(p -> p.components().size() == 2 && p.components().getFirst().equals("host"))
                .findFirst().or(() -> inRealm.stream().findFirst());
    }

    private static EncTicketPart decrypt(Ticket ticket, KerberosKey key, NtStatus failure) throws LsaException {
        try {
            byte[] plain = KerberosCrypto.decrypt(key, USAGE_TICKET, ticket.encPart().cipher().toByteArray());
            try {
                return KrbCodec.decodeEncTicketPart(plain);
            } finally {
                java.util.Arrays.fill(plain, (byte) 0);
            }
        } catch (KerberosCryptoException e) {
            throw new LsaException(failure, "the ticket does not decrypt with this host's key: whoever issued it does "
                    + "not know the key (a spoofed KDC, a forged ticket, or a stale keytab)");
        } catch (KrbDecodeException e) {
            throw new LsaException(failure, "the ticket's encrypted part is malformed: " + e.getMessage());
        }
    }

    private static void checkClient(EncTicketPart part, Credential tgt) throws LsaException {
        if (!part.crealm().equals(tgt.crealm()) || !part.cname().sameNameAs(tgt.cname())) {
            throw untrusted("the ticket names " + part.cname().format(part.crealm()) + ", the reply "
                    + tgt.cname().format(tgt.crealm()));
        }
    }

    private static Optional<byte[]> findPac(EncTicketPart part, NtStatus failure) throws LsaException {
        try {
            return PacChecks.find(part.authorizationData());
        } catch (PacFormatException e) {
            throw new LsaException(failure, "the ticket's PAC: " + e.getMessage());
        }
    }

    private static Optional<Pac> pac(EncTicketPart part, KerberosKey serverKey, Optional<KerberosKey> kdcKey,
                                     NtStatus failure) throws LsaException {
        Optional<byte[]> encoded = findPac(part, failure);
        if (encoded.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(PacChecks.verify(encoded.get(), serverKey, kdcKey).pac());
        } catch (PacFormatException e) {
            throw new LsaException(failure, "the ticket's PAC: " + e.getMessage());
        }
    }

    private static Pac verifyWithAnyKdcKey(byte[] encoded, KerberosKey serverKey, KerberosKeySet kdcKeys,
                                           NtStatus failure) throws LsaException {
        PacFormatException last = null;
        for (KerberosKeyEntry e : kdcKeys.keys()) {
            Optional<EncryptionType> type = EncryptionType.of(e.enctype());
            if (type.isEmpty()) {
                continue;
            }
            try (KerberosKey kdcKey = KerberosKey.copyOf(type.get(), e.key().copyBytes())) {
                return PacChecks.verify(encoded, serverKey, Optional.of(kdcKey)).pac();
            } catch (PacFormatException bad) {
                last = bad;
            }
        }
        throw new LsaException(failure, "the ticket's PAC: " + (last == null ? "krbtgt has no usable key"
                : last.getMessage()));
    }

    private static LsaException untrusted(String why) {
        return new LsaException(NtStatus.TRUSTED_RELATIONSHIP_FAILURE, why);
    }
}
