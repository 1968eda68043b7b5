package org.openlsa.peers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP server on 127.0.0.1 that accepts SPNEGO ({@code Authorization: Negotiate}, RFC 4559) with MIT's
 * libgssapi through python3-gssapi and a keytab: the acceptor for HTTP clients such as {@code curl --negotiate}.
 * A request GSS accepts is answered 200 with the client's principal name as the body; no token is 401 with
 * {@code WWW-Authenticate: Negotiate}; a refused token is 403 with the GSS error.
 */
public final class SpnegoHttpServer implements AutoCloseable {
    private static final String SCRIPT = "spnego_http_server.py";

    private final Path directory;
    private final LineProcess process;
    private final int port;

    private SpnegoHttpServer(Path directory, LineProcess process, int port) {
        this.directory = directory;
        this.process = process;
        this.port = port;
    }

    /**
     * Starts the server with {@code keytab} for the realm(s) {@code krb5Conf} describes.
     *
     * @throws PeerException if /usr/bin/python3 or python3-gssapi is missing, or the server does not come up
     */
    public static SpnegoHttpServer start(Path krb5Conf, Path keytab) throws PeerException {
        Commands.require(Impacket.PYTHON, "python3");
        Path directory = TempDirectory.withResource("openlsa-spnego-http-", SpnegoHttpServer.class, SCRIPT);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KRB5_CONFIG", krb5Conf.toAbsolutePath().toString());
        env.put("KRB5_KTNAME", "FILE:" + keytab.toAbsolutePath());
        env.put("KRB5CCNAME", "FILE:" + directory.resolve("no-default.ccache"));
        env.put("KRB5RCACHEDIR", directory.toString());
        LineProcess process;
        try {
            process = LineProcess.start("spnego-http", List.of(Impacket.PYTHON.toString(), "-u",
                    directory.resolve(SCRIPT).toString()), env, List.of("PYTHONPATH", "PYTHONHOME", "KRB5_TRACE"));
        } catch (PeerException e) {
            TempDirectory.deleteTree(directory);
            throw e;
        }
        try {
            String line = process.nextLine(Duration.ofSeconds(20));
            return new SpnegoHttpServer(directory, process, Integer.parseInt(line.strip()));
        } catch (PeerException | NumberFormatException e) {
            process.close();
            TempDirectory.deleteTree(directory);
            throw new PeerException("the SPNEGO HTTP server did not start (python3-gssapi installed?): "
                    + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        process.close();
        TempDirectory.deleteTree(directory);
    }
}
