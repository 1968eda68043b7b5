package org.openlsa.ipc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.core.Sid;
import org.openlsa.idmap.IdKind;
import org.openlsa.idmap.IdMapReport;
import org.openlsa.idmap.IdMapResult;
import org.openlsa.idmap.IdMapService;
import org.openlsa.idmap.IdMapping;
import org.openlsa.idmap.IdQuery;
import org.openlsa.idmap.IdRanges;
import org.openlsa.idmap.IdRefusal;
import org.openlsa.idmap.IdSource;

/**
 * The bodies of MAP_IDS (opcode 18, docs/ipc.md "Mapping Unix ids"): {@code IdQuery} and {@code IdMapReport}. Every
 * enumerated byte takes only the documented values and a count above {@link IdMapService#MAX_QUERIES} is a bad value,
 * in both directions, so a hostile peer allocates nothing beyond one frame's worth.
 */
final class IdMapCodec {
    private IdMapCodec() {}

    /** {@code u8 question}: a SID's uid, a SID's gid, a uid's SID, a gid's SID. */
    static final int SID_TO_UID = 1;
    static final int SID_TO_GID = 2;
    static final int UID_TO_SID = 3;
    static final int GID_TO_SID = 4;
    /** {@code u8 outcome} of an {@code IdResult}. */
    static final int MAPPED = 1;
    static final int REFUSED = 2;
    /** (uid_t) -1 is never an id. */
    private static final long NO_ID = 0xFFFF_FFFFL;
    private static final IdSource[] SOURCES = {IdSource.LINKED, IdSource.UNIX_SID, IdSource.WELL_KNOWN,
            IdSource.ALGORITHMIC};
    private static final IdRefusal[] REFUSALS = {IdRefusal.NOT_A_PRINCIPAL, IdRefusal.NOT_MAPPED,
            IdRefusal.RID_OUT_OF_RANGE, IdRefusal.COLLISION, IdRefusal.RESERVED_ID};

    static void writeQueries(BodyWriter w, List<IdQuery> queries) {
        w.u32(queries.size());
        for (IdQuery q : queries) {
            switch (q) {
                case IdQuery.OfSid s -> w.u8(s.kind() == IdKind.USER ? SID_TO_UID : SID_TO_GID).sid(s.sid());
                case IdQuery.OfId i -> w.u8(i.kind() == IdKind.USER ? UID_TO_SID : GID_TO_SID).u32((int) i.id());
            }
        }
    }

    static List<IdQuery> readQueries(BodyReader r) throws LsaException {
        int n = count(r, 5, "queries"); // the smallest question: u8 + u32
        List<IdQuery> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int question = r.u8();
            out.add(switch (question) {
                case SID_TO_UID -> new IdQuery.OfSid(r.sid("queries"), IdKind.USER);
                case SID_TO_GID -> new IdQuery.OfSid(r.sid("queries"), IdKind.GROUP);
                case UID_TO_SID -> new IdQuery.OfId(id(r, "queries"), IdKind.USER);
                case GID_TO_SID -> new IdQuery.OfId(id(r, "queries"), IdKind.GROUP);
                default -> throw BodyReader.invalid("queries: question " + question + " is not 1..4");
            });
        }
        return out;
    }

    static void writeReport(BodyWriter w, IdMapReport report) {
        IdRanges ranges = report.ranges();
        w.u64(ranges.low()).u64(ranges.high()).u64(ranges.sliceSize()).bool(report.configured())
                .sid(report.domainSid()).string(report.domainName());
        w.u32(report.results().size());
        for (IdMapResult result : report.results()) {
            switch (result) {
                case IdMapResult.Mapped m -> {
                    IdMapping p = m.mapping();
                    w.u8(MAPPED).sid(p.sid()).u8(p.kind() == IdKind.USER ? 1 : 2).u32((int) p.id())
                            .u8(code(SOURCES, p.source())).bool(p.name().isPresent());
                    p.name().ifPresent(w::string);
                }
                case IdMapResult.Refused f -> w.u8(REFUSED).u8(code(REFUSALS, f.reason())).status(f.reason().status())
                        .string(f.detail());
            }
        }
    }

    static IdMapReport readReport(BodyReader r) throws LsaException {
        IdRanges ranges;
        long low = r.u64();
        long high = r.u64();
        long sliceSize = r.u64();
        try {
            ranges = new IdRanges(low, high, sliceSize);
        } catch (IllegalArgumentException e) {
            throw BodyReader.invalid("ranges: " + e.getMessage());
        }
        boolean configured = r.bool("configured");
        Sid domainSid = r.sid("domainSid");
        String domainName = r.string("domainName");
        int n = count(r, 7, "results"); // the smallest result: a refusal with an empty detail
        List<IdMapResult> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int outcome = r.u8();
            results.add(switch (outcome) {
                case MAPPED -> {
                    Sid sid = r.sid("results");
                    IdKind kind = switch (r.u8()) {
                        case 1 -> IdKind.USER;
                        case 2 -> IdKind.GROUP;
                        default -> throw BodyReader.invalid("results: kind is 1 (uid) or 2 (gid)");
                    };
                    long id = id(r, "results");
                    int source = r.u8();
                    if (source < 1 || source > SOURCES.length) {
                        throw BodyReader.invalid("results: source " + source + " is not 1.." + SOURCES.length);
                    }
                    Optional<String> name = r.bool("hasName") ? Optional.of(r.string("name")) : Optional.empty();
                    yield new IdMapResult.Mapped(new IdMapping(sid, kind, id, SOURCES[source - 1], name));
                }
                case REFUSED -> {
                    int reason = r.u8();
                    if (reason < 1 || reason > REFUSALS.length) {
                        throw BodyReader.invalid("results: reason " + reason + " is not 1.." + REFUSALS.length);
                    }
                    IdRefusal refusal = REFUSALS[reason - 1];
                    NtStatus status = r.status();
                    if (!status.equals(refusal.status())) { // one status per reason: anything else is a lie
                        throw BodyReader.invalid("results: " + refusal + " comes with " + refusal.status()
                                + ", not " + status);
                    }
                    yield new IdMapResult.Refused(refusal, r.string("detail"));
                }
                default -> throw BodyReader.invalid("results: outcome " + outcome + " is not 1 (mapped) or 2 (refused)");
            });
        }
        return new IdMapReport(ranges, configured, domainSid, domainName, results);
    }

    /** The wire value of {@code v}: its 1-based place in the documented table (not the enum's declaration order). */
    private static <T> int code(T[] table, T v) {
        return java.util.Arrays.asList(table).indexOf(v) + 1;
    }

    /** A u32 id, 0..2^32-2. */
    private static long id(BodyReader r, String field) throws LsaException {
        long id = Integer.toUnsignedLong(r.u32());
        if (id == NO_ID) {
            throw BodyReader.invalid(field + ": 4294967295 ((uid_t) -1) is not an id");
        }
        return id;
    }

    private static int count(BodyReader r, int minElementBytes, String field) throws LsaException {
        int n = r.count(minElementBytes, field);
        if (n > IdMapService.MAX_QUERIES) {
            throw BodyReader.invalid(field + ": at most " + IdMapService.MAX_QUERIES + " per call, not " + n);
        }
        return n;
    }
}
