package org.openlsa.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A real PKCS#11 token for smart-card tests: SoftHSM2 (Debian's softhsm2) with its token directory in a private
 * temporary directory, initialised and loaded through OpenSC's {@code pkcs11-tool} (Debian's opensc). Nothing of the
 * host's SoftHSM configuration is read or written: every user of the token, MIT's kinit included, must run with
 * {@link #environment()} ({@code SOFTHSM2_CONF} naming this token's configuration).
 *
 * <p>PINs reach pkcs11-tool through its {@code env:NAME} form, never on a command line. An imported private key is
 * written as DER only for the import and deleted right after; on the token it is sensitive (not extractable).
 */
public final class SoftHsmToken implements AutoCloseable {
    /** Debian's SoftHSM2 PKCS#11 module. */
    public static final Path MODULE = Path.of("/usr/lib/softhsm/libsofthsm2.so");

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9._-]{1,32}");
    private static final Pattern PIN = Pattern.compile("[\\x21-\\x7e]{4,64}");
    private static final Pattern ID = Pattern.compile("([0-9a-f]{2}){1,20}");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Path directory;
    private final String label;
    private final Path pkcs11Tool;
    private final Map<String, String> environment;
    private volatile boolean closed;

    private SoftHsmToken(Path directory, String label, Path pkcs11Tool) {
        this.directory = directory;
        this.label = label;
        this.pkcs11Tool = pkcs11Tool;
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SOFTHSM2_CONF", directory.resolve("softhsm2.conf").toString());
        env.put("LC_ALL", "C");
        this.environment = Collections.unmodifiableMap(env);
    }

    /**
     * A fresh token labelled {@code label} in the first free slot, with a security officer PIN and a user PIN.
     *
     * @throws PeerException when softhsm2 or opensc is missing, or initialisation fails
     */
    public static SoftHsmToken create(String label, String soPin, String userPin) throws PeerException {
        requireMatch(label, LABEL, "label");
        requireMatch(soPin, PIN, "SO PIN");
        requireMatch(userPin, PIN, "user PIN");
        Commands.require(MODULE, "softhsm2");
        Path tool = Commands.find("pkcs11-tool", "opensc");
        Path directory = TempDirectory.create("openlsa-softhsm-");
        SoftHsmToken token = new SoftHsmToken(directory, label, tool);
        try {
            Files.createDirectory(directory.resolve("tokens"));
            TempDirectory.write(directory.resolve("softhsm2.conf"), "directories.tokendir = "
                    + directory.resolve("tokens") + "\nobjectstore.backend = file\nlog.level = ERROR\n");
            token.pkcs11(List.of("--init-token", "--slot-index", "0", "--label", label, "--so-pin", "env:SO_PIN"),
                    Map.of("SO_PIN", soPin));
            token.pkcs11(List.of("--token-label", label, "--init-pin", "--login", "--login-type", "so", "--so-pin",
                    "env:SO_PIN", "--pin", "env:USER_PIN"), Map.of("SO_PIN", soPin, "USER_PIN", userPin));
            return token;
        } catch (IOException e) {
            token.close();
            throw new PeerException("cannot prepare the SoftHSM token directory: " + e.getMessage(), e);
        } catch (PeerException | RuntimeException e) {
            token.close();
            throw e;
        }
    }

    /**
     * Stores a certificate and its private key on the token under one object id and label, the way a card carries
     * an identity: MIT's {@code certid=} and Java's SunPKCS11 key store both pair them by that id.
     *
     * @param id hex CKA_ID, e.g. {@code "01"}
     */
    public void importIdentity(PkinitCertificates.Issued identity, String id, String objectLabel, String userPin)
            throws PeerException {
        requireMatch(id, ID, "id (lower-case hex)");
        requireMatch(objectLabel, LABEL, "object label");
        requireMatch(userPin, PIN, "user PIN");
        Path cert = directory.resolve("import-" + id + ".crt.der");
        Path key = directory.resolve("import-" + id + ".key.der");
        try {
            Files.write(cert, identity.certificate().getEncoded());
            // PKCS#8 PrivateKeyInfo, which pkcs11-tool reads through OpenSSL.
            Files.write(key, identity.privateKey().getEncoded());
            List<String> login = List.of("--token-label", label, "--login", "--pin", "env:USER_PIN");
            Map<String, String> pin = Map.of("USER_PIN", userPin);
            List<String> writeKey = new ArrayList<>(login);
            writeKey.addAll(List.of("--write-object", key.toString(), "--type", "privkey", "--id", id, "--label",
                    objectLabel));
            pkcs11(writeKey, pin);
            List<String> writeCert = new ArrayList<>(login);
            writeCert.addAll(List.of("--write-object", cert.toString(), "--type", "cert", "--id", id, "--label",
                    objectLabel));
            pkcs11(writeCert, pin);
        } catch (IOException | java.security.cert.CertificateEncodingException e) {
            throw new PeerException("cannot write the identity to import: " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(key);
                Files.deleteIfExists(cert);
            } catch (IOException e) {
                System.err.println("could not delete " + key + ": " + e.getMessage());
            }
        }
    }

    /** {@code pkcs11-tool --list-objects} after logging in: what the token holds, as OpenSC prints it. */
    public String listObjects(String userPin) throws PeerException {
        requireMatch(userPin, PIN, "user PIN");
        return pkcs11(List.of("--token-label", label, "--login", "--pin", "env:USER_PIN", "--list-objects"),
                Map.of("USER_PIN", userPin));
    }

    /**
     * MIT's PKCS#11 identity for the object {@code id}:
     * {@code PKCS11:module_name=/usr/lib/softhsm/libsofthsm2.so:token=LABEL:certid=ID}, for {@code kinit -X
     * X509_user_identity=...} (kinit then asks for the PIN, which it reads from stdin).
     */
    public String mitIdentity(String id) {
        requireMatch(id, ID, "id (lower-case hex)");
        return "PKCS11:module_name=" + MODULE + ":token=" + label + ":certid=" + id;
    }

    /** A SunPKCS11 configuration text for this token's module (the slot is chosen by the token's list index 0). */
    public String sunPkcs11Config() {
        return "name = openlsa-softhsm\nlibrary = " + MODULE + "\nslotListIndex = 0\n";
    }

    /** {@code SOFTHSM2_CONF} (and LC_ALL=C): every process using this token needs it. */
    public Map<String, String> environment() {
        return environment;
    }

    public String label() {
        return label;
    }

    public Path directory() {
        return directory;
    }

    private String pkcs11(List<String> args, Map<String, String> secrets) throws PeerException {
        if (closed) {
            throw new IllegalStateException("token closed");
        }
        List<String> command = new ArrayList<>(List.of(pkcs11Tool.toString(), "--module", MODULE.toString()));
        command.addAll(args);
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.putAll(secrets);
        Commands.Separated out = Commands.runSeparated(command, env, null, TIMEOUT);
        if (out.exitCode() != 0) {
            // The command line carries env: references only, never a PIN.
            throw new PeerException(String.join(" ", command) + " exited with " + out.exitCode() + ": "
                    + out.stderr().strip() + " " + out.stdout().strip());
        }
        return out.stdout();
    }

    private static void requireMatch(String value, Pattern pattern, String what) {
        Objects.requireNonNull(value, what);
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must match " + pattern.pattern());
        }
    }

    /** Deletes the token directory (the token and its keys with it). */
    @Override
    public void close() {
        closed = true;
        TempDirectory.deleteTree(directory);
    }

    @Override
    public String toString() {
        return "SoftHsmToken[" + label + ", " + directory + "]";
    }
}
