package org.openlsa.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.openlsa.client.ClientConnection;
import org.openlsa.core.LsaException;
import org.openlsa.core.Sid;
import org.openlsa.host.StateLayout;
import org.openlsa.idmap.IdKind;
import org.openlsa.idmap.IdMapReport;
import org.openlsa.idmap.IdMapService;
import org.openlsa.idmap.IdQuery;
import org.openlsa.idmap.IdMapResult;
import org.openlsa.idmap.IdMapping;
import org.openlsa.idmap.IdRanges;
import org.openlsa.idmap.IdRefusal;
import org.openlsa.idmap.UnixAccounts;
import org.openlsa.idmap.UnixDirectory;
import org.openlsa.sam.AccountStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

/**
 * {@code lsa idmap}: the Unix identities of security principals (docs/idmap.md), both ways. The answer needs the
 * account database (the local domain's SID, the accounts linked to a uid): the state directory's owner reads it here;
 * any other user, who cannot, asks the daemon (MAP_IDS, docs/ipc.md), which answers through the same
 * {@link IdMapService}, so both get the same answer.
 */
@Command(name = "idmap", mixinStandardHelpOptions = true,
        description = "Show the Unix ids of SIDs (docs/idmap.md): alone, the configured ranges; 'sid SID', 'uid N', 'gid N'.",
        subcommands = {IdmapCommand.SidCommand.class, IdmapCommand.UidCommand.class, IdmapCommand.GidCommand.class})
final class IdmapCommand extends Cmd implements Callable<Integer> {
    @Option(names = "--json", scope = picocli.CommandLine.ScopeType.INHERIT, description = "JSON output.") boolean json;
    @Option(names = "--socket", paramLabel = "PATH", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Daemon socket (default: <state>/lsad.sock), asked when you cannot read the account database.")
    Path socket;

    /**
     * The report for {@code queries}: read here when this user can read the account database, else from the daemon
     * when one serves the directory (as {@code lsa whoami} and the name lookups reach it). Without either, opening
     * the database fails as before (exit 6, "permission denied").
     */
    IdMapReport report(List<IdQuery> queries) throws Exception {
        StateLayout dir = state();
        if (!Files.isReadable(dir.database()) && Files.exists(DaemonLink.socket(dir, socket))) {
            try (ClientConnection c = DaemonLink.connect(dir, socket)) {
                return c.mapIds(queries);
            }
        }
        try (AccountStore store = openStore()) {
            return new IdMapService(dir.idmapConfig(), store, UnixDirectory.system()).answer(queries);
        }
    }

    @Override
    public Integer call() throws Exception {
        StateLayout dir = state();
        IdMapReport report = report(List.of());
        {
            IdRanges r = report.ranges();
            Sid domain = report.domainSid();
            String domainName = report.domainName();
            long foreignSlices = Math.max(0, r.slices() - 2);
            if (json) {
                try (JsonGenerator g = json()) {
                    g.writeStartObject();
                    g.writeNumberField("low", r.low());
                    g.writeNumberField("high", r.high());
                    g.writeNumberField("sliceSize", r.sliceSize());
                    g.writeArrayFieldStart("slices");
                    slice(g, "well-known", r.sliceBase(IdRanges.WELL_KNOWN_SLICE), r, null);
                    slice(g, "local-domain", r.sliceBase(IdRanges.LOCAL_DOMAIN_SLICE), r, domain.toString());
                    if (foreignSlices > 0) {
                        g.writeStartObject();
                        g.writeStringField("kind", "foreign-domains");
                        g.writeNumberField("first", r.sliceBase(2));
                        g.writeNumberField("last", r.high());
                        g.writeNumberField("slices", foreignSlices);
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                out().println();
            } else {
                out().printf("range %d-%d, %d slices of %d ids (%s)%n", r.low(), r.high(), r.slices(), r.sliceSize(),
                        report.configured() ? dir.idmapConfig() : "defaults");
                out().printf("  %d-%d  well-known and builtin SIDs (SYSTEM is 0)%n",
                        r.sliceBase(0), r.sliceBase(1) - 1);
                out().printf("  %d-%d  %s (%s): base + RID; linked accounts keep their uid%n",
                        r.sliceBase(1), r.sliceBase(2) - 1, Printable.of(domainName), domain);
                if (foreignSlices > 0) {
                    out().printf("  %d-%d  other domains, %d slices chosen by MurmurHash3 of the domain SID%n",
                            r.sliceBase(2), r.high(), foreignSlices);
                }
            }
        }
        return ExitCode.OK;
    }

    private static void slice(JsonGenerator g, String kind, long base, IdRanges r, String domainSid) throws IOException {
        g.writeStartObject();
        g.writeStringField("kind", kind);
        g.writeNumberField("first", base);
        g.writeNumberField("last", base + r.sliceSize() - 1);
        if (domainSid != null) {
            g.writeStringField("domainSid", domainSid);
        }
        g.writeEndObject();
    }

    /** Asks {@code question} of the state directory's map and prints the answer; exit 5 on a refusal. */
    int answer(IdQuery question) throws Exception {
        return print(report(List.of(question)).results().getFirst());
    }

    /** {@link #answer} for an id; a number no process can have is refused here as IdMap refuses it (exit 5). */
    int answerId(long id, IdKind kind) throws Exception {
        if (id < 0 || id >= UnixAccounts.NO_ID) { // not a u32 id: the protocol cannot carry it
            return print(new IdMapResult.Refused(IdRefusal.NOT_MAPPED, kind.label() + " " + id + " is not an id"));
        }
        return answer(new IdQuery.OfId(id, kind));
    }

    private int print(IdMapResult result) throws IOException, LsaException {
        return switch (result) {
            case IdMapResult.Mapped m -> print(m.mapping());
            case IdMapResult.Refused r -> throw new LsaException(r.reason().status(),
                    r.detail() + " (" + r.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")");
        };
    }

    private int print(IdMapping m) throws IOException {
        if (json) {
            try (JsonGenerator g = json()) {
                g.writeStartObject();
                g.writeStringField("sid", m.sid().toString());
                if (m.name().isPresent()) {
                    g.writeStringField("name", m.name().get());
                }
                g.writeStringField("kind", m.kind().label());
                g.writeNumberField("id", m.id());
                g.writeStringField("source", m.source().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
                g.writeEndObject();
            }
            out().println();
        } else {
            out().printf("%s %s -> %s %d (%s)%n", m.sid(), Printable.of(m.name().orElse("(no name)")), m.kind().label(),
                    m.id(), m.source().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        }
        return ExitCode.OK;
    }

    @Command(name = "sid", mixinStandardHelpOptions = true,
            description = "The uid (or with --group the gid) of a SID.")
    static final class SidCommand extends Cmd implements Callable<Integer> {
        @ParentCommand IdmapCommand parent;
        @Parameters(paramLabel = "SID") String sid;
        @Option(names = "--group", description = "Map the SID as a group (gid) rather than a user (uid).") boolean group;

        @Override
        public Integer call() throws Exception {
            Sid s;
            try {
                s = Sid.parse(sid);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a SID: '" + sid + "': " + e.getMessage());
            }
            return parent.answer(new IdQuery.OfSid(s, group ? IdKind.GROUP : IdKind.USER));
        }
    }

    @Command(name = "uid", mixinStandardHelpOptions = true, description = "The SID and name of a uid.")
    static final class UidCommand extends Cmd implements Callable<Integer> {
        @ParentCommand IdmapCommand parent;
        @Parameters(paramLabel = "UID") long id;

        @Override
        public Integer call() throws Exception {
            return parent.answerId(id, IdKind.USER);
        }
    }

    @Command(name = "gid", mixinStandardHelpOptions = true, description = "The SID and name of a gid.")
    static final class GidCommand extends Cmd implements Callable<Integer> {
        @ParentCommand IdmapCommand parent;
        @Parameters(paramLabel = "GID") long id;

        @Override
        public Integer call() throws Exception {
            return parent.answerId(id, IdKind.GROUP);
        }
    }
}
