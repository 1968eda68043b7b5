package org.openlsa.ipc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.ipc.Protocol.Opcode;

/** Random payloads decode to a value or to LsaException INVALID_PARAMETER, never to another exception. */
class CodecPropertiesTest {
    @Provide
    Arbitrary<byte[]> payloads() {
        // Mostly valid headers with known opcodes, so bodies get exercised, plus raw noise.
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
        Arbitrary<byte[]> framed = Arbitraries.integers().between(0, 16).flatMap(op ->
                Arbitraries.bytes().array(byte[].class).ofMaxSize(200).map(body -> {
                    byte[] p = new byte[6 + body.length];
                    p[4] = (byte) (int) op;
                    System.arraycopy(body, 0, p, 6, body.length);
                    return p;
                }));
        return Arbitraries.oneOf(noise, framed);
    }

    @Property(tries = 3000)
    void requestsDecodeOrFailWithInvalidParameter(@ForAll("payloads") byte[] payload) {
        try {
            Envelope<Request> e = Requests.decode(payload);
            if (!(e.body() instanceof Request.Unknown)) {
                assertArrayEquals(payload, Requests.encode(e.requestId(), e.body()));
            }
        } catch (LsaException e) {
            assertEquals(NtStatus.INVALID_PARAMETER, e.status());
        }
    }

    @Property(tries = 3000)
    void responsesDecodeOrFailWithInvalidParameter(@ForAll("payloads") byte[] payload,
                                                   @ForAll Opcode opcode) {
        if (payload.length >= 6) {
            payload[4] = (byte) opcode.value();
            payload[5] = (byte) 0x80;
        }
        try {
            Envelope<Response> e = Responses.decode(payload, opcode);
            byte[] again = Responses.encode(e.requestId(), opcode, e.body());
            assertArrayEquals(again, Responses.encode(e.requestId(), opcode, Responses.decode(again, opcode).body()));
        } catch (LsaException e) {
            assertEquals(NtStatus.INVALID_PARAMETER, e.status());
        }
    }
}
