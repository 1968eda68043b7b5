package org.openlsa.peers;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Loopback ports for daemons that serve one port over both UDP and TCP, and a check that a daemon is the only
 * listener on its port.
 *
 * <p>The check exists because krb5kdc binds with SO_REUSEPORT: a second krb5kdc started on the same port (a
 * parallel test run that probed the same free port) binds without error, and the kernel then spreads requests over
 * two unrelated realms. Only /proc shows that.
 */
final class LoopbackPorts {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private LoopbackPorts() {
    }

    /** A port free for both TCP and UDP on 127.0.0.1 at this moment (a bind probe; anyone may take it next). */
    static int probeFreeTcpAndUdpPort() throws PeerException {
        IOException last = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, LOOPBACK);
                    DatagramSocket udp = new DatagramSocket(new InetSocketAddress(LOOPBACK, tcp.getLocalPort()))) {
                return udp.getLocalPort();
            } catch (IOException e) {
                last = e; // the UDP port of that number is taken: try another
            }
        }
        throw new PeerException("no loopback port free for both TCP and UDP: " + last.getMessage(), last);
    }

    /** Inodes of the TCP sockets listening on {@code port} at 127.0.0.1 or 0.0.0.0. */
    static Set<Long> tcpListenerInodes(int port) throws PeerException {
        Set<Long> inodes = new HashSet<>();
        collect(Path.of("/proc/net/tcp"), port, "0A", inodes); // 0A = TCP_LISTEN
        return inodes;
    }

    /** Inodes of the UDP sockets bound to {@code port} at 127.0.0.1 or 0.0.0.0. */
    static Set<Long> udpSocketInodes(int port) throws PeerException {
        Set<Long> inodes = new HashSet<>();
        collect(Path.of("/proc/net/udp"), port, null, inodes);
        return inodes;
    }

    private static void collect(Path table, int port, String state, Set<Long> into) throws PeerException {
        String wantedPort = String.format(Locale.ROOT, "%04X", port);
        List<String> lines;
        try {
            lines = Files.readAllLines(table);
        } catch (IOException e) {
            throw new PeerException("cannot read " + table + ": " + e.getMessage(), e);
        }
        for (String line : lines.subList(1, lines.size())) {
            // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...
            String[] f = line.trim().split("\\s+");
            if (f.length < 10) {
                continue;
            }
            String[] local = f[1].split(":");
            boolean address = local[0].equals("0100007F") || local[0].equals("00000000");
            if (address && local[1].equals(wantedPort) && (state == null || f[3].equals(state))) {
                into.add(Long.parseLong(f[9]));
            }
        }
    }

    /** Socket inodes open in {@code process} or any of its descendants. */
    static Set<Long> socketInodesOf(ProcessHandle process) {
        Set<Long> inodes = new HashSet<>();
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process);
        for (ProcessHandle handle : tree) {
            Path fds = Path.of("/proc", Long.toString(handle.pid()), "fd");
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(fds)) {
                for (Path fd : entries) {
                    String target = readLinkOrEmpty(fd);
                    if (target.startsWith("socket:[") && target.endsWith("]")) {
                        inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
                    }
                }
            } catch (IOException e) {
                // the process ended meanwhile
            }
        }
        return inodes;
    }

    private static String readLinkOrEmpty(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "";
        }
    }
}
