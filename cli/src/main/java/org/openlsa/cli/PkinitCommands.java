package org.openlsa.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.math.BigInteger;
import java.nio.file.NoSuchFileException;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bouncycastle.asn1.x500.X500Name;
import org.openlsa.host.PkinitFiles;
import org.openlsa.host.StateLayout;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.UserAccount;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lsa pkinit ...}: the realm's PKINIT public-key infrastructure in the state directory's {@code pkinit/}
 * (docs/kdc.md, "PKINIT"): a CA of the realm's own, the KDC's certificate it issues, extra trust anchors for an
 * external CA, client certificates for accounts, and the revocation lists the KDC checks them against. The KDC reads
 * {@code kdc.pem}, {@code kdc-key.pem}, {@code anchors.pem} and {@code crls.pem} when the daemon starts;
 * {@code ca-key.pem} is read only here.
 */
@Command(name = "pkinit", mixinStandardHelpOptions = true,
        description = {"Certificates for PKINIT (certificate logon to the realm's KDC).",
            "init-ca makes the realm's own CA and the KDC's certificate; issue gives an account a",
            "client certificate; import-anchor trusts an external CA. Restart the daemon to apply."},
        subcommands = {PkinitCommands.InitCa.class, PkinitCommands.ImportAnchor.class, PkinitCommands.KdcCert.class,
            PkinitCommands.Issue.class, PkinitCommands.Revoke.class, PkinitCommands.Crl.class,
            PkinitCommands.ImportCrl.class, PkinitCommands.Show.class})
final class PkinitCommands {
    private static final int MAX_DAYS = 36500;

    private PkinitCommands() {}

    static Duration days(int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("--days must be 1.." + MAX_DAYS + ": " + days);
        }
        return Duration.ofDays(days);
    }

    /** The state directory's pkinit/, created 0700 if missing (it will hold private keys). */
    static void createDirectory(StateLayout layout) throws IOException {
        if (!Files.isDirectory(layout.pkinitDirectory())) {
            Files.createDirectories(layout.pkinitDirectory(), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        }
    }

    /** The realm CA from ca.pem and ca-key.pem, or a message that says to run init-ca. */
    static PkinitAuthority authority(StateLayout layout) throws IOException {
        if (!Files.exists(layout.pkinitCaCertificate()) || !Files.exists(layout.pkinitCaKey())) {
            throw new IllegalArgumentException("the realm has no CA of its own (" + layout.pkinitCaCertificate()
                    + "): run 'lsa pkinit init-ca' first; an external CA issues its certificates itself");
        }
        X509Certificate ca = PkinitFiles.certificates(layout.pkinitCaCertificate()).get(0);
        PrivateKey key = PkinitFiles.privateKey(layout.pkinitCaKey());
        return new PkinitAuthority(ca, key);
    }

    static void writeKdcCertificate(StateLayout layout, PkinitAuthority ca, PkinitAuthority.Issued kdc)
            throws IOException, GeneralSecurityException {
        // Key first: a daemon starting in between finds the new key with the old certificate and refuses PKINIT
        // with a clear error rather than the other way round. Both are replaced atomically.
        PemFiles.writePrivateKey(layout.pkinitKdcKey(), kdc.key());
        PemFiles.writeCertificates(layout.pkinitKdcCertificate(), List.of(kdc.certificate(), ca.certificate()));
    }

    /** Adds the certificates not already in anchors.pem to it; returns how many were new. */
    static int addAnchors(StateLayout layout, List<X509Certificate> certificates)
            throws IOException, GeneralSecurityException {
        List<X509Certificate> anchors = new ArrayList<>(Files.exists(layout.pkinitAnchors())
                ? PkinitFiles.certificates(layout.pkinitAnchors()) : List.of());
        int added = 0;
        for (X509Certificate c : certificates) {
            if (!anchors.contains(c)) { // X509Certificate.equals compares the encodings
                anchors.add(c);
                added++;
            }
        }
        if (added > 0) {
            PemFiles.writeCertificates(layout.pkinitAnchors(), anchors);
        }
        return added;
    }

    /** The CRLs of crls.pem, none when there is no such file. */
    static List<X509CRL> crls(StateLayout layout) throws IOException {
        try {
            return PkinitFiles.crls(layout.pkinitCrls());
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    /**
     * Puts {@code crl} in crls.pem in place of every CRL there of the same issuer (the KDC uses an issuer's newest
     * CRL only, so older ones would be dead weight).
     */
    static void replaceCrl(StateLayout layout, X509CRL crl) throws IOException, GeneralSecurityException {
        List<X509CRL> kept = new ArrayList<>();
        for (X509CRL c : crls(layout)) {
            if (!c.getIssuerX500Principal().equals(crl.getIssuerX500Principal())) {
                kept.add(c);
            }
        }
        kept.add(crl);
        PemFiles.writeCrls(layout.pkinitCrls(), kept);
    }

    /** The realm CA's newest CRL in crls.pem, or null. */
    static X509CRL currentCrl(StateLayout layout, PkinitAuthority ca) throws IOException {
        X509CRL newest = null;
        for (X509CRL c : crls(layout)) {
            if (ca.issued(c) && (newest == null
                    || PkinitAuthority.crlNumber(c).compareTo(PkinitAuthority.crlNumber(newest)) > 0)) {
                newest = c;
            }
        }
        return newest;
    }

    static String realm(Cmd cmd) throws Exception {
        try (AccountStore store = cmd.openStore()) {
            return store.domain().realm();
        }
    }

    @Command(name = "init-ca", mixinStandardHelpOptions = true,
            description = {"Create the realm's own PKINIT CA (pkinit/ca.pem, ca-key.pem 0600), trust it",
                "(anchors.pem) and issue the KDC's certificate with it (kdc.pem, kdc-key.pem)."})
    static final class InitCa extends Cmd implements Callable<Integer> {
        @Option(names = "--subject", paramLabel = "DN",
                description = "The CA's subject, e.g. 'CN=Contoso Root' (default: O=REALM, CN=REALM PKINIT CA).")
        String subject;
        @Option(names = "--days", paramLabel = "N", defaultValue = "3650",
                description = "Validity of the CA (default: ${DEFAULT-VALUE}); the KDC's is a year at most.")
        int days;
        @Option(names = "--key", paramLabel = "TYPE", defaultValue = "rsa2048",
                description = "rsa2048 (default) or ec-p256, for the CA and the KDC.")
        String key;

        @Override
        public Integer call() throws Exception {
            PkinitAuthority.KeyType keyType = PkinitAuthority.KeyType.parse(key);
            Duration lifetime = days(days);
            X500Name name;
            StateLayout layout = state();
            String realm = realm(this);
            try {
                name = subject == null ? PkinitAuthority.defaultCaSubject(realm) : new X500Name(subject);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--subject is not a distinguished name: " + subject);
            }
            for (Path existing : List.of(layout.pkinitCaCertificate(), layout.pkinitCaKey(),
                    layout.pkinitKdcCertificate())) {
                if (Files.exists(existing)) {
                    throw new IllegalArgumentException(existing + " exists: the realm already has a PKINIT setup "
                            + "(see 'lsa pkinit show'); remove pkinit/ by hand to start over");
                }
            }
            createDirectory(layout);
            PkinitAuthority ca = PkinitAuthority.create(name, lifetime, keyType);
            PkinitAuthority.Issued kdc = ca.issueKdc(realm, lifetime.compareTo(Duration.ofDays(365)) < 0 ? lifetime
                    : Duration.ofDays(365), keyType);
            PemFiles.writePrivateKey(layout.pkinitCaKey(), ca.key());
            PemFiles.writeCertificates(layout.pkinitCaCertificate(), List.of(ca.certificate()));
            addAnchors(layout, List.of(ca.certificate()));
            writeKdcCertificate(layout, ca, kdc);
            out().printf("Created the PKINIT CA %s%n", Printable.of(ca.certificate().getSubjectX500Principal()
                    .getName()));
            out().printf("Issued the KDC certificate for krbtgt/%s@%s, valid until %s%n", Printable.of(realm),
                    Printable.of(realm), kdc.certificate().getNotAfter().toInstant());
            out().printf("Clients trust %s (kinit -X X509_anchors=FILE:%s); restart the daemon to offer PKINIT%n",
                    layout.pkinitCaCertificate(), layout.pkinitCaCertificate());
            return ExitCode.OK;
        }
    }

    @Command(name = "import-anchor", mixinStandardHelpOptions = true,
            description = {"Trust the CA certificates of FILE (PEM) for client certificates (anchors.pem).",
                "For an external CA; its KDC certificate goes in pkinit/kdc.pem and kdc-key.pem."})
    static final class ImportAnchor extends Cmd implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "PEM file with one or more CA certificates.")
        Path file;

        @Override
        public Integer call() throws Exception {
            StateLayout layout = state();
            layout.requireInitialized();
            List<X509Certificate> certificates;
            try {
                certificates = PkinitFiles.certificates(file);
            } catch (IOException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            for (X509Certificate c : certificates) {
                // An end-entity certificate as an anchor would make PKIX accept only itself as a "path": a mistake.
                if (c.getBasicConstraints() < 0) {
                    throw new IllegalArgumentException("not a CA certificate (no basicConstraints CA): "
                            + c.getSubjectX500Principal().getName() + "; nothing imported");
                }
            }
            createDirectory(layout);
            int added = addAnchors(layout, certificates);
            for (X509Certificate c : certificates) {
                out().printf("Trusted %s%n", Printable.of(c.getSubjectX500Principal().getName()));
            }
            if (added < certificates.size()) {
                out().printf("(%d already trusted)%n", certificates.size() - added);
            }
            if (!Files.exists(layout.pkinitKdcCertificate())) {
                spec.commandLine().getErr().printf("lsa: note: the KDC has no certificate yet: put its certificate "
                        + "and chain in %s and its PKCS#8 key in %s (0600), or run 'lsa pkinit init-ca'%n",
                        layout.pkinitKdcCertificate(), layout.pkinitKdcKey());
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "kdc-cert", mixinStandardHelpOptions = true,
            description = "Issue a new KDC certificate from the realm's CA (kdc.pem, kdc-key.pem).")
    static final class KdcCert extends Cmd implements Callable<Integer> {
        @Option(names = "--days", paramLabel = "N", defaultValue = "365",
                description = "Validity (default: ${DEFAULT-VALUE}).")
        int days;
        @Option(names = "--key", paramLabel = "TYPE",
                description = "rsa2048 or ec-p256 (default: the CA's key type).")
        String key;

        @Override
        public Integer call() throws Exception {
            Duration lifetime = days(days);
            StateLayout layout = state();
            String realm = realm(this);
            PkinitAuthority ca = authority(layout);
            PkinitAuthority.KeyType keyType = key != null ? PkinitAuthority.KeyType.parse(key)
                    : ca.key().getAlgorithm().equals("EC") ? PkinitAuthority.KeyType.EC_P256
                    : PkinitAuthority.KeyType.RSA2048;
            PkinitAuthority.Issued kdc = ca.issueKdc(realm, lifetime, keyType);
            writeKdcCertificate(layout, ca, kdc);
            out().printf("Issued the KDC certificate for krbtgt/%s@%s, serial %s, valid until %s%n",
                    Printable.of(realm), Printable.of(realm), kdc.certificate().getSerialNumber().toString(16),
                    kdc.certificate().getNotAfter().toInstant());
            out().println("Restart the daemon to use it.");
            return ExitCode.OK;
        }
    }

    @Command(name = "issue", mixinStandardHelpOptions = true,
            description = {"Issue a client certificate for an account of the realm from the realm's CA.",
                "It names USER@REALM (id-pkinit-san, or a UPN with --upn) with the PKINIT client EKU."})
    static final class Issue extends Cmd implements Callable<Integer> {
        @Parameters(paramLabel = "USER", description = "The account.") String user;
        @Option(names = "--cert", paramLabel = "FILE", required = true,
                description = "Where to write the certificate (PEM).")
        Path cert;
        @Option(names = "--key", paramLabel = "FILE", required = true,
                description = "Where to write the private key (PKCS#8 PEM, mode 0600).")
        Path key;
        @Option(names = "--days", paramLabel = "N", defaultValue = "365",
                description = "Validity (default: ${DEFAULT-VALUE}).")
        int days;
        @Option(names = "--key-type", paramLabel = "TYPE", defaultValue = "rsa2048",
                description = "rsa2048 (default) or ec-p256.")
        String keyType;
        @Option(names = "--upn", description = "Name the user in a Microsoft UPN SAN instead of id-pkinit-san.")
        boolean upn;

        @Override
        public Integer call() throws Exception {
            PkinitAuthority.KeyType type = PkinitAuthority.KeyType.parse(keyType);
            Duration lifetime = days(days);
            if (cert.toAbsolutePath().equals(key.toAbsolutePath())) {
                throw new IllegalArgumentException("--cert and --key name the same file");
            }
            StateLayout layout = state();
            String name;
            String realm;
            try (AccountStore store = openStore()) {
                UserAccount u = UserCommands.find(store, user);
                name = u.name();
                realm = store.domain().realm();
            }
            PkinitAuthority ca = authority(layout);
            PkinitAuthority.Issued issued = ca.issueClient(name, realm, upn, lifetime, type);
            PemFiles.writePrivateKey(key, issued.key());
            PemFiles.writeCertificates(cert, List.of(issued.certificate()));
            out().printf("Issued a certificate for %s@%s (%s), serial %s, valid until %s%n", Printable.of(name),
                    Printable.of(realm), upn ? "UPN" : "id-pkinit-san",
                    issued.certificate().getSerialNumber().toString(16), issued.certificate().getNotAfter().toInstant());
            out().printf("Certificate %s, key %s (0600)%n", cert, key);
            return ExitCode.OK;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = {"Revoke a certificate of the realm's CA: the CA issues a new CRL (crls.pem) that lists",
                "it with every certificate revoked before. Restart the daemon to apply."})
    static final class Revoke extends Cmd implements Callable<Integer> {
        @Parameters(paramLabel = "SERIAL", arity = "0..1",
                description = "The certificate's serial number in hex, as 'lsa pkinit issue' prints it.")
        String serial;
        @Option(names = "--cert", paramLabel = "FILE", description = "The certificate to revoke (PEM).")
        Path cert;
        @Option(names = "--reason", paramLabel = "REASON", defaultValue = "unspecified",
                description = {"unspecified (default), key-compromise, affiliation-changed, superseded or",
                    "cessation-of-operation."})
        String reason;
        @Option(names = "--days", paramLabel = "N", defaultValue = "30",
                description = "The CRL's validity (default: ${DEFAULT-VALUE}); re-issue it with 'lsa pkinit crl'.")
        int days;

        @Override
        public Integer call() throws Exception {
            PkinitAuthority.RevocationReason why = PkinitAuthority.RevocationReason.parse(reason);
            Duration lifetime = days(days);
            if ((serial == null) == (cert == null)) {
                throw new IllegalArgumentException("give the SERIAL or --cert FILE, one of them");
            }
            StateLayout layout = state();
            PkinitAuthority ca = authority(layout);
            BigInteger number;
            if (cert != null) {
                X509Certificate c;
                try {
                    c = PkinitFiles.certificates(cert).get(0);
                } catch (IOException e) {
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
                try {
                    c.verify(ca.certificate().getPublicKey());
                } catch (GeneralSecurityException e) {
                    // A CRL of this CA can only revoke this CA's certificates; another CA's serial could even
                    // collide with one of ours.
                    throw new IllegalArgumentException(cert + " was not issued by the realm's CA ("
                            + ca.certificate().getSubjectX500Principal().getName() + ")");
                }
                number = c.getSerialNumber();
            } else {
                try {
                    number = new BigInteger(serial.startsWith("0x") ? serial.substring(2) : serial, 16);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("SERIAL is not a hexadecimal number: " + serial);
                }
                if (number.signum() <= 0) {
                    throw new IllegalArgumentException("SERIAL must be positive: " + serial);
                }
            }
            X509CRL previous = currentCrl(layout, ca);
            if (previous != null && previous.getRevokedCertificate(number) != null) {
                out().printf("Serial %s is already revoked%n", number.toString(16));
                return ExitCode.OK;
            }
            X509CRL crl = ca.nextCrl(previous, number, why, Instant.now(), lifetime);
            replaceCrl(layout, crl);
            out().printf("Revoked serial %s (%s); CRL number %s lists %d, valid until %s%n", number.toString(16),
                    why.option, PkinitAuthority.crlNumber(crl), crl.getRevokedCertificates().size(),
                    crl.getNextUpdate().toInstant());
            out().println("Restart the daemon to apply.");
            return ExitCode.OK;
        }
    }

    @Command(name = "crl", mixinStandardHelpOptions = true,
            description = {"Re-issue the realm CA's CRL with the same entries and a new validity: the KDC",
                "refuses the CA's certificates once its CRL lapses. Restart the daemon to apply."})
    static final class Crl extends Cmd implements Callable<Integer> {
        @Option(names = "--days", paramLabel = "N", defaultValue = "30",
                description = "The CRL's validity (default: ${DEFAULT-VALUE}).")
        int days;

        @Override
        public Integer call() throws Exception {
            Duration lifetime = days(days);
            StateLayout layout = state();
            PkinitAuthority ca = authority(layout);
            X509CRL crl = ca.nextCrl(currentCrl(layout, ca), null, PkinitAuthority.RevocationReason.UNSPECIFIED,
                    Instant.now(), lifetime);
            replaceCrl(layout, crl);
            out().printf("Issued CRL number %s (%d revoked), valid until %s%n", PkinitAuthority.crlNumber(crl),
                    crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size(),
                    crl.getNextUpdate().toInstant());
            return ExitCode.OK;
        }
    }

    @Command(name = "import-crl", mixinStandardHelpOptions = true,
            description = {"Check client certificates against the CRLs of FILE (PEM or DER), e.g. an external",
                "CA's; each replaces the older CRL of its issuer. Restart the daemon to apply."})
    static final class ImportCrl extends Cmd implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "File with one or more CRLs.")
        Path file;

        @Override
        public Integer call() throws Exception {
            StateLayout layout = state();
            layout.requireInitialized();
            List<X509CRL> imported;
            try {
                imported = PkinitFiles.crls(file);
            } catch (IOException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            if (imported.isEmpty()) {
                throw new IllegalArgumentException(file + " holds no CRL");
            }
            List<X509Certificate> anchors = Files.exists(layout.pkinitAnchors())
                    ? PkinitFiles.certificates(layout.pkinitAnchors()) : List.of();
            for (X509CRL crl : imported) {
                // Only a CRL an anchor signed is checked by the KDC with certainty; intermediates' CRLs verify
                // against certificates the client sends, so they are taken if the name matches no anchor.
                for (X509Certificate a : anchors) {
                    if (a.getSubjectX500Principal().equals(crl.getIssuerX500Principal())) {
                        try {
                            crl.verify(a.getPublicKey());
                        } catch (GeneralSecurityException e) {
                            throw new IllegalArgumentException("the CRL of " + crl.getIssuerX500Principal().getName()
                                    + " is not signed by that trusted CA's key; nothing imported");
                        }
                    }
                }
            }
            createDirectory(layout);
            for (X509CRL crl : imported) {
                for (X509CRL existing : crls(layout)) {
                    if (existing.getIssuerX500Principal().equals(crl.getIssuerX500Principal())
                            && existing.getThisUpdate().after(crl.getThisUpdate())) {
                        throw new IllegalArgumentException("crls.pem has a newer CRL of "
                                + crl.getIssuerX500Principal().getName() + " (" + existing.getThisUpdate().toInstant()
                                + "); nothing more imported");
                    }
                }
                replaceCrl(layout, crl);
                out().printf("Imported the CRL of %s (%d revoked), valid until %s%n",
                        Printable.of(crl.getIssuerX500Principal().getName()),
                        crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size(),
                        crl.getNextUpdate() == null ? "(no nextUpdate)" : crl.getNextUpdate().toInstant());
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show the realm's PKINIT setup.")
    static final class Show extends Cmd implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            StateLayout layout = state();
            layout.requireInitialized();
            if (Files.exists(layout.pkinitCaCertificate())) {
                X509Certificate ca = PkinitFiles.certificates(layout.pkinitCaCertificate()).get(0);
                out().printf("Realm CA       %s%n", Printable.of(ca.getSubjectX500Principal().getName()));
                out().printf("  valid        %s .. %s%n", ca.getNotBefore().toInstant(), ca.getNotAfter().toInstant());
                out().printf("  key          %s%s%n", ca.getPublicKey().getAlgorithm(),
                        Files.exists(layout.pkinitCaKey()) ? "" : " (no ca-key.pem: cannot issue)");
            } else {
                out().println("Realm CA       none (lsa pkinit init-ca)");
            }
            if (Files.exists(layout.pkinitKdcCertificate())) {
                List<X509Certificate> chain = PkinitFiles.certificates(layout.pkinitKdcCertificate());
                X509Certificate kdc = chain.get(0);
                out().printf("KDC            %s%n", Printable.of(kdc.getSubjectX500Principal().getName()));
                out().printf("  issuer       %s%n", Printable.of(kdc.getIssuerX500Principal().getName()));
                out().printf("  valid        %s .. %s%n", kdc.getNotBefore().toInstant(),
                        kdc.getNotAfter().toInstant());
                out().printf("  principal    %s%n", Printable.of(String.join(", ",
                        PkinitAuthority.principalNames(kdc))));
                List<String> ekus = kdc.getExtendedKeyUsage();
                out().printf("  KDC EKU      %s%n", ekus != null && ekus.contains(PkinitAuthority.KP_KDC.getId())
                        ? "id-pkinit-KPKdc" : "MISSING (MIT clients refuse this KDC)");
                out().printf("  key file     %s%n", Files.exists(layout.pkinitKdcKey()) ? layout.pkinitKdcKey()
                        : "MISSING " + layout.pkinitKdcKey());
            } else {
                out().println("KDC            no certificate: PKINIT is off");
            }
            if (Files.exists(layout.pkinitAnchors())) {
                for (X509Certificate a : PkinitFiles.certificates(layout.pkinitAnchors())) {
                    out().printf("Anchor         %s (until %s)%n", Printable.of(a.getSubjectX500Principal().getName()),
                            a.getNotAfter().toInstant());
                }
            } else {
                out().println("Anchor         none");
            }
            Instant now = Instant.now();
            for (X509CRL crl : crls(layout)) {
                boolean lapsed = crl.getNextUpdate() != null && crl.getNextUpdate().toInstant().isBefore(now);
                out().printf("CRL            %s, number %s, until %s%s%n",
                        Printable.of(crl.getIssuerX500Principal().getName()), PkinitAuthority.crlNumber(crl),
                        crl.getNextUpdate() == null ? "(no nextUpdate)" : crl.getNextUpdate().toInstant(),
                        lapsed ? " LAPSED: the KDC refuses this CA's certificates (lsa pkinit crl)" : "");
                if (crl.getRevokedCertificates() != null) {
                    for (X509CRLEntry e : crl.getRevokedCertificates()) {
                        out().printf("  revoked      %s on %s%s%n", e.getSerialNumber().toString(16),
                                e.getRevocationDate().toInstant(),
                                e.getRevocationReason() == null ? "" : " (" + e.getRevocationReason() + ")");
                    }
                }
            }
            return ExitCode.OK;
        }
    }
}
