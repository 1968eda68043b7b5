package org.openlsa.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Writes the PEM files of {@code lsa pkinit} (RFC 7468): {@code CERTIFICATE} blocks and unencrypted PKCS#8
 * {@code PRIVATE KEY} blocks, which both our KDC (org.openlsa.host.PkinitFiles) and MIT's pkinit plugin (OpenSSL)
 * read. Every file is written to a temporary file beside it and moved into place, so a reader sees the old file or the
 * new one, never half of one; a key file is created mode 0600 before a byte of the key is in it.
 */
final class PemFiles {
    private static final FileAttribute<?> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final FileAttribute<?> READABLE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--"));
    private static final byte[] NEWLINE = {'\n'};

    private PemFiles() {}

    /** The certificates as consecutive PEM blocks. */
    static String certificates(List<X509Certificate> certificates) throws CertificateEncodingException {
        StringBuilder b = new StringBuilder();
        for (X509Certificate c : certificates) {
            b.append("-----BEGIN CERTIFICATE-----\n")
                    .append(Base64.getMimeEncoder(64, NEWLINE).encodeToString(c.getEncoded()))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        return b.toString();
    }

    /** Replaces {@code file} with the CRLs as consecutive "X509 CRL" PEM blocks (mode 0644: CRLs are public). */
    static void writeCrls(Path file, List<X509CRL> crls) throws IOException, CRLException {
        StringBuilder b = new StringBuilder();
        for (X509CRL c : crls) {
            b.append("-----BEGIN X509 CRL-----\n")
                    .append(Base64.getMimeEncoder(64, NEWLINE).encodeToString(c.getEncoded()))
                    .append("\n-----END X509 CRL-----\n");
        }
        byte[] text = b.toString().getBytes(StandardCharsets.US_ASCII);
        write(file, READABLE, out -> out.write(text));
    }

    /** Replaces {@code file} with the certificates (mode 0644: certificates are public). */
    static void writeCertificates(Path file, List<X509Certificate> certificates)
            throws IOException, CertificateEncodingException {
        byte[] text = certificates(certificates).getBytes(StandardCharsets.US_ASCII);
        write(file, READABLE, out -> out.write(text));
    }

    /**
     * Replaces {@code file} with the key as PKCS#8 PEM, mode 0600. The encodings made on the way are zeroed (the
     * key object itself is the caller's).
     */
    static void writePrivateKey(Path file, PrivateKey key) throws IOException {
        write(file, OWNER_ONLY, out -> {
            byte[] der = key.getEncoded();
            byte[] base64 = null;
            try {
                base64 = Base64.getMimeEncoder(64, NEWLINE).encode(der);
                out.write("-----BEGIN PRIVATE KEY-----\n".getBytes(StandardCharsets.US_ASCII));
                out.write(base64);
                out.write("\n-----END PRIVATE KEY-----\n".getBytes(StandardCharsets.US_ASCII));
            } finally {
                Arrays.fill(der, (byte) 0);
                if (base64 != null) {
                    Arrays.fill(base64, (byte) 0);
                }
            }
        });
    }

    private interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private static void write(Path file, FileAttribute<?> mode, Body body) throws IOException {
        Path target = file.toAbsolutePath();
        Path directory = target.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new IllegalArgumentException("no directory " + directory + " to write " + file + " in");
        }
        if (Files.isDirectory(target)) {
            throw new IllegalArgumentException(file + " is a directory");
        }
        Path tmp = Files.createTempFile(directory, "." + target.getFileName() + ".", ".tmp", mode);
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                body.writeTo(out);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
