package org.openlsa.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.openlsa.ipc.CodecAssertions.assertEveryTruncationInvalid;
import static org.openlsa.ipc.CodecAssertions.assertInvalid;

import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.core.WellKnownSids;
import org.openlsa.idmap.IdKind;
import org.openlsa.idmap.IdMapReport;
import org.openlsa.idmap.IdMapService;
import org.openlsa.idmap.IdQuery;
import org.openlsa.ipc.Protocol.Opcode;

/** MAP_IDS (opcode 18, docs/ipc.md): both bodies round-trip; every malformed one is INVALID_PARAMETER. */
class IdMapCodecTest {
    private static byte[] request(String bodyHex) {
        return HexFormat.of().parseHex("07000000" + "1200" + bodyHex);
    }

    private static byte[] report(String resultsHex) {
        IdMapReport empty = new IdMapReport(org.openlsa.idmap.IdRanges.defaults(), false, Samples.DOMAIN, "", List.of());
        byte[] head = Responses.encode(7, Opcode.MAP_IDS, new Response.IdsMapped(empty));
        String hex = HexFormat.of().formatHex(head);
        return HexFormat.of().parseHex(hex.substring(0, hex.length() - 8) + resultsHex);
    }

    private static String u32(int v) {
        return HexFormat.of().formatHex(new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)});
    }

    @Test
    void requestLayoutIsTheDocumentedOne() throws LsaException {
        byte[] b = Requests.encode(7, new Request.MapIds(List.of(new IdQuery.OfSid(WellKnownSids.WORLD, IdKind.GROUP),
                new IdQuery.OfId(401000, IdKind.USER))));
        // count 2; question 2 (SID to gid), sid S-1-1-0 (12 bytes); question 3 (uid to SID), u32 401000
        assertEquals("07000000" + "1200" + "02000000" + "02" + "0c" + "010100000000000100000000" + "03" + "681e0600",
                HexFormat.of().formatHex(b));
        assertEquals(new Request.MapIds(List.of(new IdQuery.OfSid(WellKnownSids.WORLD, IdKind.GROUP),
                new IdQuery.OfId(401000, IdKind.USER))), Requests.decode(b).body());
    }

    @Test
    void reportRoundTripsWithEveryOutcome() throws LsaException {
        IdMapReport r = Samples.idMapReport();
        byte[] b = Responses.encode(9, Opcode.MAP_IDS, new Response.IdsMapped(r));
        assertEquals(r, ((Response.IdsMapped) Responses.decode(b, Opcode.MAP_IDS).body()).report());
    }

    @Test
    void truncatedOrTrailingBodiesAreInvalid() {
        byte[] q = Requests.encode(3, new Request.MapIds(Samples.idQueries()));
        assertEveryTruncationInvalid(q, Requests.HEADER_BYTES, Requests::decode);
        assertInvalid(() -> Requests.decode(Arrays.copyOf(q, q.length + 1)));
        byte[] r = Responses.encode(3, Opcode.MAP_IDS, new Response.IdsMapped(Samples.idMapReport()));
        assertEveryTruncationInvalid(r, Responses.HEADER_BYTES, b -> Responses.decode(b, Opcode.MAP_IDS));
        assertInvalid(() -> Responses.decode(Arrays.copyOf(r, r.length + 1), Opcode.MAP_IDS));
    }

    @Test
    void countsBeyondTheLimitAreInvalidEvenWhenTheBytesAreThere() throws LsaException {
        int max = IdMapService.MAX_QUERIES;
        List<IdQuery> most = Collections.nCopies(max, new IdQuery.OfId(1000, IdKind.USER));
        assertEquals(max, ((Request.MapIds) Requests.decode(Requests.encode(1, new Request.MapIds(most))).body())
                .queries().size());
        // One more, every byte present (the frame could hold it): refused by count, not by length.
        byte[] over = Requests.encode(1, new Request.MapIds(
                Collections.nCopies(max + 1, new IdQuery.OfId(1000, IdKind.USER))));
        assertInvalid(() -> Requests.decode(over));
        assertInvalid(() -> Requests.decode(request("ffffffff"))); // a count no frame can back
        // The same bound on the answer: a daemon cannot make the client build more than it asked for.
        String one = "02" + "02" + "730000c0" + "00000000"; // refused: NOT_MAPPED, STATUS_NONE_MAPPED, ""
        byte[] tooMany = report(u32(max + 1) + one.repeat(max + 1));
        assertInvalid(() -> Responses.decode(tooMany, Opcode.MAP_IDS));
        byte[] exactly = report(u32(max) + one.repeat(max));
        assertEquals(max, ((Response.IdsMapped) Responses.decode(exactly, Opcode.MAP_IDS).body()).report().results()
                .size());
    }

    @Test
    void badValuesAreInvalid() {
        assertInvalid(() -> Requests.decode(request("01000000" + "05" + "00000000"))); // question 5
        assertInvalid(() -> Requests.decode(request("01000000" + "00" + "00000000"))); // question 0
        assertInvalid(() -> Requests.decode(request("01000000" + "03" + "ffffffff"))); // (uid_t) -1
        assertInvalid(() -> Requests.decode(request("01000000" + "01" + "07" + "01010000000000")));  // SID too short
        String refusedNone = "02" + "02" + "730000c0" + "00000000"; // NOT_MAPPED, STATUS_NONE_MAPPED, ""
        assertInvalid(() -> Responses.decode(report("01000000" + "03" + refusedNone.substring(2)), Opcode.MAP_IDS));
        assertInvalid(() -> Responses.decode(report("01000000" + "02" + "06" + refusedNone.substring(4)),
                Opcode.MAP_IDS)); // reason 6
        assertInvalid(() -> Responses.decode(report("01000000" + "02" + "02" + "350000c0" + "00000000"),
                Opcode.MAP_IDS)); // NOT_MAPPED with OBJECT_NAME_COLLISION: a status that does not match the reason
        String mappedWorld = "01" + "0c" + "010100000000000100000000";
        assertInvalid(() -> Responses.decode(report("01000000" + mappedWorld + "03" + "01000000" + "01" + "00"),
                Opcode.MAP_IDS)); // kind 3
        assertInvalid(() -> Responses.decode(report("01000000" + mappedWorld + "01" + "ffffffff" + "01" + "00"),
                Opcode.MAP_IDS)); // id (uid_t) -1
        assertInvalid(() -> Responses.decode(report("01000000" + mappedWorld + "01" + "01000000" + "05" + "00"),
                Opcode.MAP_IDS)); // source 5
        assertInvalid(() -> Responses.decode(report("01000000" + mappedWorld + "01" + "01000000" + "01" + "02"),
                Opcode.MAP_IDS)); // hasName 2
    }

    @Test
    void inconsistentRangesAreInvalid() {
        byte[] good = report("00000000");
        byte[] bad = good.clone();
        // range.low is the first u64 of the body: 0 (root is never algorithmic)
        Arrays.fill(bad, Responses.HEADER_BYTES, Responses.HEADER_BYTES + 8, (byte) 0);
        assertInvalid(() -> Responses.decode(bad, Opcode.MAP_IDS));
    }

    @Test
    void aValidReportMatchesTheSample() throws LsaException {
        byte[] good = report("01000000" + "02" + "02" + "730000c0" + "00000000");
        IdMapReport r = ((Response.IdsMapped) Responses.decode(good, Opcode.MAP_IDS).body()).report();
        assertEquals(1, r.results().size());
        assertEquals(NtStatus.NONE_MAPPED, r.results().getFirst() instanceof org.openlsa.idmap.IdMapResult.Refused f
                ? f.reason().status() : null);
    }
}
