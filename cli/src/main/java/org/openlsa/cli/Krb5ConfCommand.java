package org.openlsa.cli;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.openlsa.daemon.KdcConfig;
import org.openlsa.daemon.KdcService;
import org.openlsa.host.StateLayout;
import org.openlsa.sam.AccountStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lsa krb5conf}: a client krb5.conf for the embedded realm, which MIT krb5 and the JDK read as it is.
 * DNS is off for everything (the realm has no SRV records and its hosts no canonical names in DNS); the KDC is the
 * one given, else the running one, else where kdc.properties says it would listen.
 */
@Command(name = "krb5conf", mixinStandardHelpOptions = true,
        description = {"Print a client krb5.conf for the realm's embedded KDC.",
            "For KRB5_CONFIG, /etc/krb5.conf or -Djava.security.krb5.conf. The KDC address",
            "is --kdc, else that of the KDC running now (<state>/kdc.endpoint), else the",
            "one <state>/kdc.properties configures (default 127.0.0.1:88). The kpasswd",
            "server (kpasswd_server, for kpasswd and kinit's expired-password change) is",
            "--kpasswd, else the running one (<state>/kpasswd.endpoint), else the configured",
            "one (default 464 beside port 88); a free port not yet bound is left out."})
final class Krb5ConfCommand extends Cmd implements Callable<Integer> {
    @Option(names = "--kdc", paramLabel = "HOST[:PORT]", description = "The KDC clients should use.")
    String kdc;

    @Option(names = "--kpasswd", paramLabel = "HOST[:PORT]", description = "The kpasswd server clients should use.")
    String kpasswd;

    @Override
    public Integer call() throws Exception {
        StateLayout dir = state();
        String realm;
        try (AccountStore store = openStore()) {
            realm = store.domain().realm();
        }
        out().print(render(InitCommand.requireWritableRealm(realm), kdcEndpoint(dir), kpasswdEndpoint(dir)));
        out().flush();
        return ExitCode.OK;
    }

    private String kdcEndpoint(StateLayout dir) throws Exception {
        if (kdc != null) {
            return checkedHostPort(kdc);
        }
        Optional<String> running = KdcService.runningEndpoint(dir.directory());
        KdcConfig config = KdcConfig.load(dir.directory());
        if (running.isEmpty() && !config.enabled()) {
            spec.commandLine().getErr().println("lsa: note: the KDC is disabled in " + dir.kdcConfig()
                    + "; this krb5.conf names where it would listen");
        }
        String endpoint = running.orElseGet(() -> KdcService.hostPort(config.address(), config.port()));
        return reachable(endpoint);
    }

    /**
     * The kpasswd server: --kpasswd, else the running one's or the configured port, on --kdc's host when given
     * (clients elsewhere know this host by that name) and the listener's otherwise; empty when the configured port
     * is 0 and nothing runs (no port to name yet).
     */
    private Optional<String> kpasswdEndpoint(StateLayout dir) throws Exception {
        if (kpasswd != null) {
            return Optional.of(checkedHostPort("--kpasswd", kpasswd));
        }
        String endpoint;
        Optional<String> running = KdcService.runningKpasswdEndpoint(dir.directory());
        if (running.isPresent()) {
            endpoint = reachable(running.get());
        } else {
            KdcConfig config = KdcConfig.load(dir.directory());
            if (config.kpasswdPort() == 0) {
                spec.commandLine().getErr().println("lsa: note: kpasswd listens on a free port chosen at start;"
                        + " run lsa krb5conf again once the daemon runs to name it");
                return Optional.empty();
            }
            endpoint = reachable(KdcService.hostPort(config.address(), config.kpasswdPort()));
        }
        return Optional.of(kdc == null ? endpoint : hostOf(kdc) + endpoint.substring(endpoint.lastIndexOf(':')));
    }

    /** The host of HOST, HOST:PORT or [IPv6]:PORT (an IPv6 literal keeps its brackets). */
    static String hostOf(String hostPort) {
        int close = hostPort.lastIndexOf(']');
        int colon = hostPort.lastIndexOf(':');
        boolean hasPort = colon > close && (hostPort.startsWith("[") || hostPort.indexOf(':') == colon);
        String host = hasPort ? hostPort.substring(0, colon) : hostPort;
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /**
     * A wildcard listener (0.0.0.0, ::) is no address a client can use: name this host instead, which is what
     * remote clients need (--kdc when they know it by another name).
     */
    static String reachable(String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        String host = endpoint.substring(0, colon);
        if (host.equals("0.0.0.0") || host.equals("[::]")) {
            String name;
            try {
                name = InetAddress.getLocalHost().getCanonicalHostName();
            } catch (java.io.IOException e) {
                name = "127.0.0.1";
            }
            return name + endpoint.substring(colon);
        }
        return endpoint;
    }

    /** HOST, HOST:PORT or [IPv6]:PORT, with nothing krb5.conf would read as syntax. */
    static String checkedHostPort(String text) {
        return checkedHostPort("--kdc", text);
    }

    static String checkedHostPort(String option, String text) {
        if (text.isEmpty() || !text.matches("[A-Za-z0-9.\\-_:\\[\\]%]+")) {
            throw new IllegalArgumentException(option + " takes HOST, HOST:PORT or [IPV6]:PORT, not '" + text + "'");
        }
        int close = text.lastIndexOf(']');
        int colon = text.lastIndexOf(':');
        if (colon > close && (text.startsWith("[") || text.indexOf(':') == colon)) {
            KdcConfig.parsePort(text.substring(colon + 1));
        }
        return text;
    }

    /** The krb5.conf text (profile syntax: MIT's krb5.conf(5); the JDK's parser accepts the same subset). */
    static String render(String realm, String kdcHostPort, Optional<String> kpasswdHostPort) {
        StringBuilder b = new StringBuilder();
        b.append("# krb5.conf for the OpenLSA realm ").append(realm).append(" (written by lsa krb5conf)\n");
        b.append("[libdefaults]\n");
        b.append("    default_realm = ").append(realm).append('\n');
        b.append("    dns_lookup_kdc = false\n");
        b.append("    dns_lookup_realm = false\n");
        b.append("    rdns = false\n");
        b.append("    dns_canonicalize_hostname = false\n");
        b.append("    forwardable = true\n");
        b.append('\n');
        b.append("[realms]\n");
        b.append("    ").append(realm).append(" = {\n");
        b.append("        kdc = ").append(kdcHostPort).append('\n');
        kpasswdHostPort.ifPresent(k -> b.append("        kpasswd_server = ").append(k).append('\n'));
        b.append("    }\n");
        // A dotted realm is conventionally the DNS domain upper-cased (EXAMPLE.COM for example.com): map its hosts.
        if (realm.contains(".") && !realm.startsWith(".") && !realm.endsWith(".")) {
            String domain = realm.toLowerCase(Locale.ROOT);
            b.append('\n');
            b.append("[domain_realm]\n");
            b.append("    .").append(domain).append(" = ").append(realm).append('\n');
            b.append("    ").append(domain).append(" = ").append(realm).append('\n');
        }
        return b.toString();
    }
}
