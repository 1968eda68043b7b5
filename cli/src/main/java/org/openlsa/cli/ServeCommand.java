package org.openlsa.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.openlsa.daemon.LsaDaemon;
import org.openlsa.daemon.Lsad;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lsa serve}: run the daemon for the state directory until SIGTERM / SIGINT. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the LSA daemon for the state directory: the socket (default <state>/lsad.sock) is open to",
            "every local user, whose uid decides its rights. Stops cleanly on SIGTERM or SIGINT (exit 0)."})
final class ServeCommand extends Cmd implements Callable<Integer> {
    @Option(names = "--socket", paramLabel = "PATH", description = "Socket path (default: <state>/lsad.sock).")
    Path socket;

    @Override
    public Integer call() throws Exception {
        StateDirectory dir = state();
        LsaDaemon.Options defaults = LsaDaemon.Options.defaults(dir.path());
        LsaDaemon.Options options = socket == null ? defaults : new LsaDaemon.Options(dir.path(),
                socket.toAbsolutePath(), defaults.maxFrameBytes(), defaults.handshakeTimeout(), defaults.shutdownGrace());
        try (Lsad lsad = Lsad.start(options)) {
            out().println("lsad: serving " + dir.path() + " on " + lsad.daemon().socketPath() + " (SIGTERM to stop)");
            out().flush();
            lsad.serveUntilSignalled();
        }
        out().println("lsad: stopped");
        return ExitCode.OK;
    }
}
