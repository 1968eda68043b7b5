package org.openlsa.ipc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.ipc.Protocol.Opcode;

/**
 * Coverage-guided fuzzing of the IPC decoders (Jazzer). A plain {@code mvn test} replays the seeds under
 * {@code src/test/resources/org/openlsa/ipc/IpcCodecsFuzzTestInputs/<method>/}; to fuzz one target:
 * {@code JAZZER_FUZZ=1 mvn -pl ipc test -Dtest='IpcCodecsFuzzTest#fuzzRequests'}.
 *
 * <p>Properties: only the documented exceptions escape (ProtocolException for frames, LsaException
 * INVALID_PARAMETER for bodies); a decoded request re-encodes to the same bytes; a decoded response re-encodes to
 * bytes that decode and re-encode identically.
 */
class IpcCodecsFuzzTest {
    private static final int MAX_FRAME = 64;

    private static void assertDocumented(LsaException e) {
        assertEquals(NtStatus.INVALID_PARAMETER, e.status(), e.getMessage());
        assertEquals(NtStatus.SUCCESS, e.subStatus());
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzFrames(byte[] data) throws IOException {
        FrameReader reader = new FrameReader(new ByteArrayInputStream(data), MAX_FRAME);
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(again, MAX_FRAME);
        try {
            for (Optional<byte[]> f = reader.next(); f.isPresent(); f = reader.next()) {
                assertTrue(f.get().length >= 1 && f.get().length <= MAX_FRAME);
                writer.write(f.get());
            }
            assertArrayEquals(data, again.toByteArray()); // a clean end: the frames were the whole stream
        } catch (ProtocolException e) {
            byte[] prefix = again.toByteArray();
            assertArrayEquals(prefix, Arrays.copyOf(data, prefix.length)); // the good frames before the bad one
        }
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzRequests(byte[] data) {
        Envelope<Request> e;
        try {
            e = Requests.decode(data);
        } catch (LsaException ex) {
            assertDocumented(ex);
            return;
        }
        try {
            if (e.body() instanceof Request.Unknown u) {
                assertEquals(e.opcode(), u.opcode());
                assertTrue(Opcode.fromValue(u.opcode()).isEmpty());
                return;
            }
            assertArrayEquals(data, Requests.encode(e.requestId(), e.body()));
        } finally {
            Requests.wipe(e.body());
        }
    }

    /**
     * MAP_IDS' two bodies (opcode 18, docs/ipc.md): the fuzzer's bytes after a request header, and after a success
     * response header, so every input reaches {@code IdMapCodec} rather than dying in a header. The first byte picks
     * the direction. A decoded body re-encodes to the same bytes (both codecs are exact: one encoding per value).
     */
    @FuzzTest(maxDuration = "20s")
    void fuzzMapIds(byte[] data) {
        if (data.length == 0) {
            return;
        }
        byte[] body = Arrays.copyOfRange(data, 1, data.length);
        boolean request = (data[0] & 1) == 0;
        byte[] header = request
                ? new byte[] {1, 0, 0, 0, 18, 0}
                : new byte[] {1, 0, 0, 0, 18, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0};
        byte[] payload = Arrays.copyOf(header, header.length + body.length);
        System.arraycopy(body, 0, payload, header.length, body.length);
        try {
            if (request) {
                Envelope<Request> e = Requests.decode(payload);
                assertTrue(e.body() instanceof Request.MapIds);
                assertArrayEquals(payload, Requests.encode(e.requestId(), e.body()));
            } else {
                Envelope<Response> e = Responses.decode(payload, Opcode.MAP_IDS);
                assertTrue(e.body() instanceof Response.IdsMapped);
                assertArrayEquals(payload, Responses.encode(e.requestId(), Opcode.MAP_IDS, e.body()));
            }
        } catch (LsaException ex) {
            assertDocumented(ex);
        }
    }

    /** The first byte picks the opcode the response is expected to answer; the rest is the payload. */
    @FuzzTest(maxDuration = "20s")
    void fuzzResponses(byte[] data) {
        if (data.length == 0) {
            return;
        }
        Opcode opcode = Opcode.values()[(data[0] & 0xFF) % Opcode.values().length];
        byte[] payload = Arrays.copyOfRange(data, 1, data.length);
        Envelope<Response> e;
        try {
            e = Responses.decode(payload, opcode);
        } catch (LsaException ex) {
            assertDocumented(ex);
            return;
        }
        byte[] again = Responses.encode(e.requestId(), opcode, e.body());
        try {
            Envelope<Response> back = Responses.decode(again, opcode);
            assertArrayEquals(again, Responses.encode(back.requestId(), opcode, back.body()));
        } catch (LsaException ex) {
            throw new AssertionError("re-encoded response does not decode: " + ex.getMessage(), ex);
        }
    }

    /**
     * The ProcessSpec and stdioMask of CREATE_PROCESS_AS_USER (docs/ipc.md, "Processes"): the input follows a fixed
     * request header and token handle, so every input reaches the spec decoder. A spec that decodes re-encodes to
     * the same bytes (paths as {@code Path} writes them, no repeated names), and every refusal is INVALID_PARAMETER.
     */
    @FuzzTest(maxDuration = "20s")
    void fuzzProcessSpecs(byte[] data) {
        BodyWriter w = new BodyWriter();
        w.u32(1).u16(Opcode.CREATE_PROCESS_AS_USER.value()).u64(0x104).raw(data);
        byte[] payload = w.toByteArray();
        Envelope<Request> e;
        try {
            e = Requests.decode(payload);
        } catch (LsaException ex) {
            assertDocumented(ex);
            return;
        }
        Request.CreateProcessAsUser q = (Request.CreateProcessAsUser) e.body();
        assertTrue(q.spec().program().isAbsolute());
        assertTrue(q.spec().arguments().size() <= Requests.MAX_ARGUMENTS);
        assertTrue(q.spec().environment().size() <= Requests.MAX_ENVIRONMENT);
        assertArrayEquals(payload, Requests.encode(e.requestId(), q));
    }
}
