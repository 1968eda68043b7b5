package org.openlsa.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway operating-system user and a relay process running as that user, so that a test in this (root) JVM can
 * reach the daemon as another uid: connections to {@link #socket()} arrive at the daemon from the relay, whose peer
 * credentials are the throwaway user's. Needs root (CI runs as root); elsewhere it fails, as a missing peer must.
 */
final class OsUserRelay implements AutoCloseable {
    private static final String RELAY = String.join("\n",
            "import os, socket, sys, threading",
            "listen_path, target = sys.argv[1], sys.argv[2]",
            "srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)",
            "srv.bind(listen_path)",
            "os.chmod(listen_path, 0o666)",
            "srv.listen(64)",
            "print('READY', flush=True)",
            "def pipe(a, b):",
            "    try:",
            "        while True:",
            "            d = a.recv(65536)",
            "            if not d: break",
            "            b.sendall(d)",
            "    except OSError: pass",
            "    finally:",
            "        try: b.shutdown(socket.SHUT_WR)",
            "        except OSError: pass",
            "while True:",
            "    c, _ = srv.accept()",
            "    u = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)",
            "    u.connect(target)",
            "    threading.Thread(target=pipe, args=(c, u), daemon=True).start()",
            "    threading.Thread(target=pipe, args=(u, c), daemon=True).start()");

    final String user;
    final long uid;
    final long gid;
    private final Path dir;
    private final Process relay;

    private OsUserRelay(String user, long uid, long gid, Path dir, Process relay) {
        this.user = user;
        this.uid = uid;
        this.gid = gid;
        this.dir = dir;
        this.relay = relay;
    }

    /** Creates the user and starts its relay toward the daemon socket {@code target} (in a directory it can reach). */
    static OsUserRelay start(Path target) throws Exception {
        if (ThisProcess.uid() != 0) {
            fail("the daemon's identity tests connect as another OS user and need root (CI runs as root); this JVM is uid "
                    + ThisProcess.uid());
        }
        String user = "olsa-ct" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 20));
        ThisProcess.run("useradd", "-M", "-r", "-s", "/usr/sbin/nologin", user);
        long uid = Long.parseLong(ThisProcess.run("id", "-u", user).strip());
        long gid = Long.parseLong(ThisProcess.run("id", "-g", user).strip());
        Path dir = Files.createTempDirectory("olsa-relay-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Process p = new ProcessBuilder("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--",
                "/usr/bin/python3", "-c", RELAY, dir.resolve("relay.sock").toString(), target.toString())
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"READY".equals(line)) {
            p.destroyForcibly();
            ThisProcess.run("userdel", user);
            fail("the relay did not start as " + user + ": " + line);
        }
        return new OsUserRelay(user, uid, gid, dir, p);
    }

    /** Connect here to reach the daemon as {@link #uid}. */
    Path socket() {
        return dir.resolve("relay.sock");
    }

    @Override
    public void close() throws Exception {
        relay.destroyForcibly();
        relay.waitFor(10, TimeUnit.SECONDS);
        Files.deleteIfExists(socket());
        Files.deleteIfExists(dir);
        assertEquals("", ThisProcess.run("userdel", user).strip());
    }
}
