package org.openlsa.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.openlsa.client.LsaClient;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.engine.CallPackageResult;
import org.openlsa.engine.LsaConnection;
import org.openlsa.host.StateException;
import org.openlsa.host.StateLayout;
import org.openlsa.kerberos.KerbCallCodec;
import org.openlsa.kerberos.KerbCallRequest;
import org.openlsa.kerberos.KerbCcache;
import org.openlsa.kerberos.KerbExternalTicket;
import org.openlsa.kerberos.KerbTicketCacheInfo;
import org.openlsa.kerberos.KerberosPackage;
import org.openlsa.krb5.files.Credential;
import org.openlsa.krb5.files.CredentialCache;
import org.openlsa.krb5.files.Principal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lsa klist}: the Kerberos ticket cache of a logon session in the daemon, through LsaCallAuthenticationPackage
 * (QueryTicketCacheEx, RetrieveEncodedTicket, PurgeTicketCacheEx), as Windows' klist does. As root (a trusted
 * caller) any session may be named; other users see their own only.
 */
@Command(name = "klist", mixinStandardHelpOptions = true,
        description = {"List (or get, purge, export) the Kerberos tickets of a logon session held by the daemon.",
            "--export writes an MIT credential cache (version 4) that klist, kvno and curl --negotiate read."})
final class KlistCommand extends Cmd implements Callable<Integer> {
    @Option(names = "--session", paramLabel = "LUID", defaultValue = "0",
            description = "The logon session (as 'lsa sessions' shows it); default: your own.") String session;
    @Option(names = "--get", paramLabel = "SPN",
            description = "First obtain a service ticket for SPN (service/host[@REALM]) into the session's cache.")
    String get;
    @Option(names = "--purge", description = "Remove every ticket of the session (the TGT too).") boolean purge;
    @Option(names = "--export", paramLabel = "FILE",
            description = "Write the session's tickets to FILE as an MIT ccache (mode 0600). The TGT is included only for a trusted caller (root), who may have its session key.")
    Path export;
    @Option(names = "--json", description = "Print JSON instead of text.") boolean json;
    @Option(names = "--socket", paramLabel = "PATH", description = "Daemon socket (default: <state>/lsad.sock).") Path socket;

    @Override
    public Integer call() throws Exception {
        Luid luid = Luid.parse(session);
        StateLayout dir = state();
        Path sock = DaemonLink.socket(dir, socket);
        if (!java.nio.file.Files.exists(sock)) {
            throw new StateException("no daemon runs for " + dir.directory() + " (no socket " + sock
                    + "): tickets live in the daemon's sessions; start it with 'lsa serve'");
        }
        try (LsaClient client = LsaClient.of(sock); LsaConnection c = connect(client)) {
            int pkg = c.lookupAuthenticationPackage(KerberosPackage.NAME);
            if (purge) {
                call(c, pkg, new KerbCallRequest.PurgeTicketCacheEx(luid,
                        KerbCallRequest.PurgeTicketCacheEx.PURGE_ALL_TICKETS,
                        new KerbTicketCacheInfo("", "", "", "", 0, 0, 0, 0, 0)));
            }
            if (get != null) {
                KerbExternalTicket t = KerbCallCodec.decodeRetrieveResponse(call(c, pkg,
                        new KerbCallRequest.RetrieveTicket(luid, get, 0, 0, 0, true)));
                t.sessionKey().ifPresent(k -> k.wipe());
            }
            List<KerbTicketCacheInfo> tickets = KerbCallCodec.decodeQueryResponse(call(c, pkg,
                    new KerbCallRequest.QueryTicketCache(luid, true)));
            if (export != null) {
                int written = export(c, pkg, luid, tickets);
                spec.commandLine().getErr().printf("lsa: wrote %d of %d tickets to %s%n", written, tickets.size(),
                        export);
            }
            print(tickets);
            return ExitCode.OK;
        }
    }

    /** Trusted when the daemon lets this caller register a logon process (root), else untrusted. */
    private static LsaConnection connect(LsaClient client) throws LsaException {
        try {
            return client.registerLogonProcess(null, "lsa klist");
        } catch (LsaException e) {
            if (!e.status().equals(NtStatus.PRIVILEGE_NOT_HELD)) {
                throw e;
            }
            return client.connectUntrusted(null);
        }
    }

    private static byte[] call(LsaConnection c, int pkg, KerbCallRequest request) throws LsaException {
        CallPackageResult r = c.callAuthenticationPackage(pkg, KerbCallCodec.encode(request));
        byte[] bytes = r.returnBuffer().bytes();
        c.freeReturnBuffer(r.returnBuffer());
        if (!r.protocolStatus().equals(NtStatus.SUCCESS)) {
            throw new LsaException(r.protocolStatus(), "the Kerberos package refused the request");
        }
        return bytes;
    }

    /** The tickets as an MIT ccache; returns how many went in (a TGT without its key cannot). */
    private int export(LsaConnection c, int pkg, Luid luid, List<KerbTicketCacheInfo> tickets) throws Exception {
        List<Credential> creds = new ArrayList<>();
        Principal client = null;
        try {
            for (KerbTicketCacheInfo info : tickets) {
                KerbExternalTicket t = KerbCallCodec.decodeRetrieveResponse(call(c, pkg,
                        KerbCcache.retrieveCached(luid, info)));
                if (t.sessionKey().isEmpty()) {
                    spec.commandLine().getErr().println("lsa: " + info.serverName() + "@" + info.serverRealm()
                            + " left out: its session key is given only to a trusted caller (root)");
                    continue;
                }
                Credential cred = KerbCcache.credential(t, info.clientRealm());
                t.sessionKey().get().wipe();
                creds.add(cred);
                client = cred.client();
            }
            if (client == null) {
                throw new LsaException(NtStatus.OBJECT_NAME_NOT_FOUND, "no ticket of the session can be exported");
            }
            try (CredentialCache cache = new CredentialCache(Optional.empty(), client, creds)) {
                cache.write(export);
            }
            return creds.size();
        } finally {
            creds.forEach(x -> x.key().key().destroy());
        }
    }

    private static Instant instant(long ntTime) {
        return KerbCcache.instant(ntTime);
    }

    private void print(List<KerbTicketCacheInfo> tickets) throws Exception {
        if (json) {
            try (JsonGenerator g = json()) {
                g.writeStartArray();
                for (KerbTicketCacheInfo t : tickets) {
                    g.writeStartObject();
                    g.writeStringField("client", t.clientName() + "@" + t.clientRealm());
                    g.writeStringField("server", t.serverName() + "@" + t.serverRealm());
                    g.writeStringField("start", instant(t.startTime()).toString());
                    g.writeStringField("end", instant(t.endTime()).toString());
                    if (t.renewTime() != 0) {
                        g.writeStringField("renewUntil", instant(t.renewTime()).toString());
                    }
                    g.writeNumberField("encryptionType", t.encryptionType());
                    g.writeStringField("ticketFlags", String.format("0x%08x", t.ticketFlags()));
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            out().println();
            return;
        }
        out().printf("Cached Tickets: (%d)%n", tickets.size());
        int i = 0;
        for (KerbTicketCacheInfo t : tickets) {
            out().printf("%n#%d>  Client: %s @ %s%n", i++, t.clientName(), t.clientRealm());
            out().printf("     Server: %s @ %s%n", t.serverName(), t.serverRealm());
            out().printf("     KerbTicket Encryption Type: %d%n", t.encryptionType());
            out().printf("     Ticket Flags 0x%08x%n", t.ticketFlags());
            out().printf("     Start Time: %s%n", instant(t.startTime()));
            out().printf("     End Time:   %s%n", instant(t.endTime()));
            out().printf("     Renew Time: %s%n", t.renewTime() == 0 ? "-" : instant(t.renewTime()).toString());
        }
    }
}
