package org.openlsa.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.concurrent.Callable;
import org.openlsa.core.LsaException;
import org.openlsa.core.Sid;
import org.openlsa.host.StateLayout;
import org.openlsa.idmap.IdKind;
import org.openlsa.idmap.IdMap;
import org.openlsa.idmap.IdMapResult;
import org.openlsa.idmap.IdMapping;
import org.openlsa.idmap.IdRanges;
import org.openlsa.idmap.UnixDirectory;
import org.openlsa.sam.AccountStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

/**
 * {@code lsa idmap}: the Unix identities of security principals (docs/idmap.md), both ways. It reads the account
 * database (the local domain's SID, the accounts linked to a uid) and so runs as the state directory's owner, like the
 * other administration commands; an ordinary user gets exit 6.
 */
@Command(name = "idmap", mixinStandardHelpOptions = true,
        description = "Show the Unix ids of SIDs (docs/idmap.md): alone, the configured ranges; 'sid SID', 'uid N', 'gid N'.",
        subcommands = {IdmapCommand.SidCommand.class, IdmapCommand.UidCommand.class, IdmapCommand.GidCommand.class})
final class IdmapCommand extends Cmd implements Callable<Integer> {
    @Option(names = "--json", scope = picocli.CommandLine.ScopeType.INHERIT, description = "JSON output.") boolean json;

    @Override
    public Integer call() throws Exception {
        StateLayout dir = state();
        try (AccountStore store = openStore()) {
            IdRanges r = IdRanges.read(dir.idmapConfig());
            Sid domain = store.domain().sid();
            String domainName = store.domain().name();
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
                        java.nio.file.Files.exists(dir.idmapConfig()) ? dir.idmapConfig() : "defaults");
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

    /** Runs {@code question} against the state directory's map and prints the answer; exit 5 on a refusal. */
    int answer(Question question) throws Exception {
        StateLayout dir = state();
        IdMapResult result;
        try (AccountStore store = openStore()) {
            IdMap map = new IdMap(IdRanges.read(dir.idmapConfig()), store, UnixDirectory.system());
            result = question.ask(map);
        }
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

    interface Question {
        IdMapResult ask(IdMap map) throws LsaException;
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
            return parent.answer(map -> map.toUnix(s, group ? IdKind.GROUP : IdKind.USER));
        }
    }

    @Command(name = "uid", mixinStandardHelpOptions = true, description = "The SID and name of a uid.")
    static final class UidCommand extends Cmd implements Callable<Integer> {
        @ParentCommand IdmapCommand parent;
        @Parameters(paramLabel = "UID") long id;

        @Override
        public Integer call() throws Exception {
            return parent.answer(map -> map.toSid(id, IdKind.USER));
        }
    }

    @Command(name = "gid", mixinStandardHelpOptions = true, description = "The SID and name of a gid.")
    static final class GidCommand extends Cmd implements Callable<Integer> {
        @ParentCommand IdmapCommand parent;
        @Parameters(paramLabel = "GID") long id;

        @Override
        public Integer call() throws Exception {
            return parent.answer(map -> map.toSid(id, IdKind.GROUP));
        }
    }
}
