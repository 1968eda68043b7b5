package org.openlsa.peers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * impacket (Debian's python3-impacket, run by /usr/bin/python3) as an independent NTLM client: one long-lived
 * Python process serving a line protocol (the script {@code impacket_peer.py} beside this class documents it), so
 * each computation or handshake step costs a pipe round trip rather than an interpreter start.
 *
 * <p>Calls are serialized; one instance may serve many {@link ImpacketNtlmClient}s.
 */
public final class Impacket implements AutoCloseable {
    /** Debian's interpreter: the pyenv python3 on PATH cannot see Debian's Python packages. */
    public static final Path PYTHON = Path.of("/usr/bin/python3");

    private static final String SCRIPT = "impacket_peer.py";
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);

    private final Path scriptDirectory;
    private final LineProcess process;
    private final AtomicLong nextClientId = new AtomicLong(1);

    private Impacket(Path scriptDirectory, LineProcess process) {
        this.scriptDirectory = scriptDirectory;
        this.process = process;
    }

    /**
     * Starts the Python process and checks that impacket imports.
     *
     * @throws PeerException if /usr/bin/python3 or python3-impacket is missing
     */
    public static Impacket start() throws PeerException {
        Commands.require(PYTHON, "python3");
        Path directory;
        Path script;
        // The script is a resource of this module's own package, which Class.getResourceAsStream reads without
        // the package being opened; Python needs it as a file.
        try (InputStream in = Impacket.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new PeerException("resource " + SCRIPT + " missing from the peers module");
            }
            directory = Files.createTempDirectory("openlsa-impacket-");
            script = directory.resolve(SCRIPT);
            Files.write(script, in.readAllBytes());
        } catch (IOException e) {
            throw new PeerException("cannot extract " + SCRIPT + ": " + e.getMessage(), e);
        }
        LineProcess process;
        try {
            process = LineProcess.start("impacket", List.of(PYTHON.toString(), "-u", script.toString()), Map.of(),
                    List.of("PYTHONPATH", "PYTHONHOME"));
        } catch (PeerException e) {
            deleteQuietly(directory, script);
            throw e;
        }
        Impacket impacket = new Impacket(directory, process);
        try {
            impacket.call("forget", "0"); // answers only once impacket has been imported
        } catch (PeerException e) {
            impacket.close();
            throw new PeerException("impacket did not start (install the Debian package python3-impacket; "
                    + ".ci/run installs the peers): " + e.getMessage(), e);
        }
        return impacket;
    }

    /**
     * impacket's {@code ntlm.computeResponseNTLMv2} with every input explicit (deterministic).
     *
     * <p>With {@code timestampFiletime == 0} impacket runs in its test mode ({@code ntlm.TEST_CASE}): the blob has
     * time 0 and {@code targetInfo} verbatim, as in MS-NLMP 4.2.4. With another time it runs as a real client:
     * the time is written into the target info's MsvAvTimestamp pair and impacket appends a MsvAvTargetName of
     * {@code cifs/<MsvAvNbComputerName>}, so {@code targetInfo} must contain an MsvAvNbComputerName pair and the
     * blob's target info differs from the one given.
     *
     * @param targetInfo the AV_PAIR list ending with MsvAvEOL
     */
    public Ntlmv2Response ntlmv2Response(String user, String password, String domain, byte[] serverChallenge8,
            byte[] clientChallenge8, long timestampFiletime, byte[] targetInfo) throws PeerException {
        Objects.requireNonNull(targetInfo, "targetInfo");
        requireLength(serverChallenge8, 8, "server challenge");
        requireLength(clientChallenge8, 8, "client challenge");
        List<byte[]> fields = call("ntlmv2", text(user), text(password), text(domain),
                HexFormat.of().formatHex(serverChallenge8), HexFormat.of().formatHex(clientChallenge8),
                text(Long.toString(timestampFiletime)), HexFormat.of().formatHex(targetInfo));
        expectFields(fields, 3, "ntlmv2");
        return new Ntlmv2Response(fields.get(0), fields.get(1), fields.get(2));
    }

    /**
     * As {@link #ntlmv2Response}, but NTOWFv2 keyed over {@code identity} exactly as given (the upper-cased user
     * followed by the domain): HMAC_MD5(compute_nthash(password), UTF-16LE(identity)) with impacket's primitives.
     * impacket's own NTOWFv2 upper-cases the user with Python's full Unicode mapping ("straße" becomes "STRASSE"),
     * where Windows and Samba upper-case code unit by code unit ("STRAßE"); with this a test chooses which.
     */
    public Ntlmv2Response ntlmv2ResponseForIdentity(String identity, String password, byte[] serverChallenge8,
            byte[] clientChallenge8, long timestampFiletime, byte[] targetInfo) throws PeerException {
        Objects.requireNonNull(targetInfo, "targetInfo");
        requireLength(serverChallenge8, 8, "server challenge");
        requireLength(clientChallenge8, 8, "client challenge");
        List<byte[]> fields = call("ntlmv2id", text(identity), text(password),
                HexFormat.of().formatHex(serverChallenge8), HexFormat.of().formatHex(clientChallenge8),
                text(Long.toString(timestampFiletime)), HexFormat.of().formatHex(targetInfo));
        expectFields(fields, 3, "ntlmv2id");
        return new Ntlmv2Response(fields.get(0), fields.get(1), fields.get(2));
    }

    /** A new NTLMSSP client session served by this process (user, password and domain as impacket takes them). */
    public ImpacketNtlmClient ntlmClient(String user, String password, String domain, String workstation)
            throws PeerException {
        String id = Long.toString(nextClientId.getAndIncrement());
        call("client", id, text(user), text(password), text(domain), text(workstation));
        return new ImpacketNtlmClient(this, id, false);
    }

    static void requireLength(byte[] bytes, int length, String what) {
        Objects.requireNonNull(bytes, what);
        if (bytes.length != length) {
            throw new IllegalArgumentException(what + " must be " + length + " bytes, got " + bytes.length);
        }
    }

    static void expectFields(List<byte[]> fields, int count, String command) throws PeerException {
        if (fields.size() != count) {
            throw new PeerException("impacket " + command + " answered " + fields.size() + " fields, expected "
                    + count);
        }
    }

    static String text(String value) {
        Objects.requireNonNull(value);
        return value.isEmpty() ? "" : HexFormat.of().formatHex(value.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends one command line and returns the reply's fields; an "err" reply becomes a PeerException. */
    synchronized List<byte[]> call(String command, String... args) throws PeerException {
        process.checkUsable();
        StringBuilder line = new StringBuilder(command);
        for (String arg : args) {
            // An empty text travels as "-" (split() would drop an empty word).
            line.append(' ').append(arg.isEmpty() ? "-" : arg);
        }
        process.write(line.append('\n').toString());
        String reply = process.nextLine(REPLY_TIMEOUT);
        String[] words = reply.split(" ");
        if (words[0].equals("err") && words.length == 2) {
            throw new PeerException("impacket " + command + " failed: "
                    + new String(HexFormat.of().parseHex(words[1]), StandardCharsets.UTF_8));
        }
        if (!words[0].equals("ok")) {
            throw process.broken("unexpected impacket reply: " + reply);
        }
        List<byte[]> fields = new ArrayList<>(words.length - 1);
        for (int i = 1; i < words.length; i++) {
            fields.add(words[i].equals("-") ? new byte[0] : HexFormat.of().parseHex(words[i]));
        }
        return fields;
    }

    @Override
    public void close() {
        process.close();
        deleteQuietly(scriptDirectory, scriptDirectory.resolve(SCRIPT));
    }

    private static void deleteQuietly(Path directory, Path script) {
        try {
            Files.deleteIfExists(script);
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            // a leftover temp file is harmless
        }
    }
}
