package org.openlsa.peers;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * python3-gssapi over MIT's libgssapi_krb5 (Debian's python3-gssapi, run by /usr/bin/python3) as an independent
 * GSS-API Kerberos initiator and acceptor: one long-lived Python process serving a line protocol (documented in
 * {@code gssapi_peer.py} beside this class) for one krb5.conf.
 *
 * <p>Credentials are always named explicitly (a ccache for the initiator, a keytab for the acceptor), so the host's
 * default cache and keytab play no part; the acceptor's replay cache lives in this peer's temporary directory. A
 * GSS-API failure is a verdict in the result ({@link GssStep#error()}, {@link GssAcceptance#error()}); a
 * PeerException means the peer itself broke. Calls are serialized.
 */
public final class GssapiPeer implements AutoCloseable {
    private static final String SCRIPT = "gssapi_peer.py";
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);

    private final Path directory;
    private final LineProcess process;
    private final AtomicLong nextContextId = new AtomicLong(1);

    private GssapiPeer(Path directory, LineProcess process) {
        this.directory = directory;
        this.process = process;
    }

    /**
     * Starts the Python process for the realm(s) {@code krb5Conf} describes (e.g. {@link MitKrb5Client#krb5Conf()}
     * or {@link MitKdc#krb5Conf()}) and checks that gssapi imports.
     *
     * @throws PeerException if /usr/bin/python3 or python3-gssapi is missing
     */
    public static GssapiPeer start(Path krb5Conf) throws PeerException {
        Commands.require(Impacket.PYTHON, "python3");
        Path directory = TempDirectory.withResource("openlsa-gssapi-", GssapiPeer.class, SCRIPT);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KRB5_CONFIG", krb5Conf.toAbsolutePath().toString());
        // Nothing implicit: an unnamed ccache or keytab would be the host's.
        env.put("KRB5CCNAME", "FILE:" + directory.resolve("no-default.ccache"));
        env.put("KRB5_KTNAME", "FILE:" + directory.resolve("no-default.keytab"));
        env.put("KRB5_CLIENT_KTNAME", "FILE:" + directory.resolve("no-default-client.keytab"));
        env.put("KRB5RCACHEDIR", directory.toString());
        LineProcess process;
        try {
            process = LineProcess.start("gssapi", List.of(Impacket.PYTHON.toString(), "-u",
                    directory.resolve(SCRIPT).toString()), env, List.of("PYTHONPATH", "PYTHONHOME", "KRB5_TRACE"));
        } catch (PeerException e) {
            TempDirectory.deleteTree(directory);
            throw e;
        }
        GssapiPeer peer = new GssapiPeer(directory, process);
        try {
            peer.call("hello");
        } catch (PeerException e) {
            peer.close();
            throw new PeerException("python3-gssapi did not start (install the Debian package python3-gssapi; "
                    + ".ci/run installs the peers): " + e.getMessage(), e);
        }
        return peer;
    }

    /**
     * Starts an initiator context with the credentials in {@code ccache} (its first gss_init_sec_context call,
     * which gets the service ticket) towards {@code target}.
     *
     * @param target "service@host" for {@link GssNameType#HOSTBASED_SERVICE}, a principal otherwise
     */
    public GssInitiator initiate(Path ccache, String target, GssNameType nameType, GssFlag... flags)
            throws PeerException {
        Objects.requireNonNull(nameType, "nameType");
        String id = Long.toString(nextContextId.getAndIncrement());
        String flagList = Arrays.stream(flags).map(GssFlag::pythonName).collect(Collectors.joining(","));
        Reply reply = call("init", text(id), text("FILE:" + ccache.toAbsolutePath()), text(target),
                text(nameType.wireName()), text(flagList));
        return new GssInitiator(this, id, step(reply));
    }

    GssStep continueInitiator(String id, byte[] acceptorToken) throws PeerException {
        return step(call("step", text(id), HexFormat.of().formatHex(acceptorToken)));
    }

    void forget(String id) {
        try {
            call("forget", text(id));
        } catch (PeerException e) {
            // the process is gone: nothing left to forget
        }
    }

    private static GssStep step(Reply reply) throws PeerException {
        if (reply.refusal() != null) {
            return new GssStep(Optional.of(reply.refusal()), new byte[0], false);
        }
        reply.expect(2, "init/step");
        return new GssStep(Optional.empty(), reply.fields().get(0), flag(reply.fields().get(1)));
    }

    /** Accepts an initiator token with the keys in {@code keytab}; delegated credentials are not stored. */
    public GssAcceptance accept(Path keytab, byte[] initiatorToken) throws PeerException {
        return accept(keytab, initiatorToken, null);
    }

    /**
     * Accepts an initiator token with the keys in {@code keytab} (any principal in it), storing delegated
     * credentials, if the initiator delegated, into {@code delegatedCcache} (ignored when null).
     */
    public GssAcceptance accept(Path keytab, byte[] initiatorToken, Path delegatedCcache) throws PeerException {
        Objects.requireNonNull(initiatorToken, "initiatorToken");
        Reply reply = call("accept", text(keytab.toAbsolutePath().toString()),
                HexFormat.of().formatHex(initiatorToken),
                delegatedCcache == null ? "" : text("FILE:" + delegatedCcache.toAbsolutePath()));
        if (reply.refusal() != null) {
            return GssAcceptance.refused(reply.refusal());
        }
        reply.expect(8, "accept");
        List<byte[]> f = reply.fields();
        String delegatedName = utf8(f.get(5));
        String flags = utf8(f.get(6));
        Set<String> flagSet = flags.isEmpty() ? Set.of() : new HashSet<>(List.of(flags.split(",")));
        return new GssAcceptance(Optional.empty(), flag(f.get(0)), utf8(f.get(1)), utf8(f.get(2)), utf8(f.get(3)),
                flag(f.get(4)), delegatedName.isEmpty() ? Optional.empty() : Optional.of(delegatedName), flagSet,
                f.get(7));
    }

    /**
     * One whole handshake: initiate from {@code ccache}, accept with {@code keytab}, and let the initiator process
     * the acceptor's reply when there is one (mutual authentication).
     */
    public GssExchange initiateAndAccept(Path ccache, String target, GssNameType nameType, Path keytab,
            GssFlag... flags) throws PeerException {
        try (GssInitiator initiator = initiate(ccache, target, nameType, flags)) {
            GssStep first = initiator.firstStep();
            if (!first.succeeded()) {
                return new GssExchange(first, Optional.empty(), Optional.empty());
            }
            GssAcceptance acceptance = accept(keytab, first.token());
            Optional<GssStep> completion = Optional.empty();
            if (acceptance.succeeded() && acceptance.replyToken().length > 0) {
                completion = Optional.of(initiator.step(acceptance.replyToken()));
            }
            return new GssExchange(first, Optional.of(acceptance), completion);
        }
    }

    private record Reply(List<byte[]> fields, String refusal) {
        void expect(int count, String command) throws PeerException {
            if (fields.size() != count) {
                throw new PeerException("gssapi " + command + " answered " + fields.size() + " fields, expected "
                        + count);
            }
        }
    }

    /** Sends one command line; "no" is a GSS verdict for the caller, "err" a broken request. */
    private synchronized Reply call(String command, String... args) throws PeerException {
        process.checkUsable();
        StringBuilder line = new StringBuilder(command);
        for (String arg : args) {
            line.append(' ').append(arg.isEmpty() ? "-" : arg);
        }
        process.write(line.append('\n').toString());
        String reply = process.nextLine(REPLY_TIMEOUT);
        String[] words = reply.split(" ");
        if ((words[0].equals("err") || words[0].equals("no")) && words.length == 2) {
            String message = utf8(HexFormat.of().parseHex(words[1]));
            if (words[0].equals("err")) {
                throw new PeerException("gssapi " + command + " failed: " + message);
            }
            return new Reply(List.of(), message);
        }
        if (!words[0].equals("ok")) {
            throw process.broken("unexpected gssapi reply: " + reply);
        }
        List<byte[]> fields = new ArrayList<>(words.length - 1);
        for (int i = 1; i < words.length; i++) {
            fields.add(words[i].equals("-") ? new byte[0] : HexFormat.of().parseHex(words[i]));
        }
        return new Reply(fields, null);
    }

    private static String text(String value) {
        return Impacket.text(value);
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static boolean flag(byte[] field) {
        return utf8(field).equals("1");
    }

    @Override
    public void close() {
        process.close();
        TempDirectory.deleteTree(directory);
    }
}
