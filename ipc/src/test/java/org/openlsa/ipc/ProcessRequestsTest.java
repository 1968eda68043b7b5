package org.openlsa.ipc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openlsa.ipc.CodecAssertions.assertEveryTruncationInvalid;
import static org.openlsa.ipc.CodecAssertions.assertInvalid;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.openlsa.core.LsaException;
import org.openlsa.engine.TokenHandle;
import org.openlsa.ipc.Protocol.Opcode;
import org.openlsa.launch.ExitStatus;
import org.openlsa.launch.ProcessSpec;
import org.openlsa.launch.ResourceLimit;
import org.openlsa.launch.Rlimit;
import org.openlsa.launch.Stdio;

/** The process opcodes of 1.4 (docs/ipc.md, "Processes"): layout, bounds and the spec's rules. */
class ProcessRequestsTest {
    /** A CREATE_PROCESS_AS_USER payload whose ProcessSpec the writer fills. */
    private static byte[] create(Consumer<BodyWriter> spec, int mask) {
        BodyWriter w = new BodyWriter();
        w.u32(1).u16(Opcode.CREATE_PROCESS_AS_USER.value()).u64(0x104);
        spec.accept(w);
        w.u8(mask);
        return w.toByteArray();
    }

    private static Consumer<BodyWriter> spec(String program, List<String> args, List<String> env, String dir) {
        return w -> {
            w.string(program).u32(args.size());
            args.forEach(w::string);
            w.u32(env.size() / 2);
            env.forEach(w::string);
            w.string(dir);
        };
    }

    @Test
    void createLayoutIsTheDocumentedOne() throws LsaException {
        byte[] b = Requests.encode(0x01020304, new Request.CreateProcessAsUser(new TokenHandle(0x104),
                ProcessSpec.of(Path.of("/bin/true")).arguments("x").environment("A", "b").build(), 0b110));
        assertEquals("04030201" + "1300" + "0401000000000000" + "09000000" + hex("/bin/true") + "01000000" + "01000000"
                + hex("x") + "01000000" + "01000000" + hex("A") + "01000000" + hex("b") + "00000000" + "06",
                HexFormat.of().formatHex(b));
        Request.CreateProcessAsUser q = (Request.CreateProcessAsUser) Requests.decode(b).body();
        assertEquals(Stdio.NULL, q.spec().stdin()); // streams are not on the wire: the mask says which follow
        assertEquals(Stdio.NULL, q.spec().stdout());
        assertTrue(q.spec().workingDirectory().isEmpty());
    }

    private static String hex(String s) {
        return HexFormat.of().formatHex(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void everyTruncationOfEveryProcessRequestIsRefused() {
        for (Request q : Samples.requests()) {
            if (Requests.opcodeOf(q).value() >= Opcode.CREATE_PROCESS_AS_USER.value()) {
                assertEveryTruncationInvalid(Requests.encode(9, q), Requests.HEADER_BYTES, Requests::decode);
            }
        }
    }

    @Test
    void bogusMaskBitsAreRefused() {
        assertTrue(assertInvalid(() -> Requests.decode(create(spec("/bin/true", List.of(), List.of(), ""), 0b1000)))
                .getMessage().contains("stdioMask"));
        assertThrows(IllegalArgumentException.class, () -> new Request.CreateProcessAsUser(new TokenHandle(1),
                Samples.bareSpec(), 0x80));
    }

    @Test
    void argumentAndEnvironmentCountsAreBounded() throws LsaException {
        List<String> args = java.util.Collections.nCopies(Requests.MAX_ARGUMENTS, "");
        Requests.decode(create(spec("/bin/true", args, List.of(), ""), 0)); // the limit itself is fine
        List<String> tooMany = java.util.Collections.nCopies(Requests.MAX_ARGUMENTS + 1, "");
        assertTrue(assertInvalid(() -> Requests.decode(create(spec("/bin/true", tooMany, List.of(), ""), 0)))
                .getMessage().contains("at most " + Requests.MAX_ARGUMENTS));
        List<String> env = new java.util.ArrayList<>();
        for (int i = 0; i <= Requests.MAX_ENVIRONMENT; i++) {
            env.add("V" + i);
            env.add("");
        }
        assertTrue(assertInvalid(() -> Requests.decode(create(spec("/bin/true", List.of(), env, ""), 0)))
                .getMessage().contains("at most " + Requests.MAX_ENVIRONMENT));
        // A count the remaining bytes cannot hold allocates nothing.
        assertInvalid(() -> Requests.decode(create(w -> w.string("/bin/true").u32(0x7FFFFFFF), 0)));
        assertInvalid(() -> Requests.decode(create(w -> w.string("/bin/true").u32(0).u32(-1), 0)));
    }

    @Test
    void specsTheLauncherWouldRefuseAreInvalidParameter() {
        for (Consumer<BodyWriter> bad : List.of(
                spec("bin/true", List.of(), List.of(), ""), // relative
                spec("", List.of(), List.of(), ""),
                spec("/bin//true", List.of(), List.of(), ""), // not as Path writes it: would not re-encode
                spec("/bin/true/", List.of(), List.of(), ""),
                spec("/bin/tr\0ue", List.of(), List.of(), ""),
                spec("/bin/true", List.of("a\0b"), List.of(), ""),
                spec("/bin/true", List.of(), List.of("A=B", "c"), ""),
                spec("/bin/true", List.of(), List.of("", "c"), ""),
                spec("/bin/true", List.of(), List.of("A", "x\0"), ""),
                spec("/bin/true", List.of(), List.of("A", "1", "A", "2"), ""), // a repeated name
                spec("/bin/true", List.of(), List.of(), "tmp"))) {
            assertInvalid(() -> Requests.decode(create(bad, 0)));
        }
    }

    @Test
    void limitsAndStreamsDoNotCrossTheWire() {
        ProcessSpec limited = ProcessSpec.of(Path.of("/bin/true")).limit(ResourceLimit.values()[0], new Rlimit(1, 1))
                .build();
        assertThrows(IllegalArgumentException.class, () -> Requests.encode(1,
                new Request.CreateProcessAsUser(new TokenHandle(1), limited, 0)));
    }

    @Test
    void processStateMapsExitStatuses() throws LsaException {
        assertEquals(new Response.ProcessState(2, 9), Response.ProcessState.of(new ExitStatus.Signaled(9)));
        assertEquals(new Response.ProcessState(1, 3), Response.ProcessState.of(new ExitStatus.Exited(3)));
        assertEquals(new Response.ProcessState(0, 0), Response.ProcessState.of(null));
        byte[] b = Responses.encode(1, Opcode.WAIT_PROCESS, new Response.ProcessState(2, 9));
        b[Responses.HEADER_BYTES] = 3; // no such state
        assertInvalid(() -> Responses.decode(b, Opcode.WAIT_PROCESS));
        byte[] ok = Responses.encode(1, Opcode.WAIT_PROCESS, new Response.ProcessState(1, 0));
        assertArrayEquals(ok, Responses.encode(1, Opcode.WAIT_PROCESS, Responses.decode(ok, Opcode.WAIT_PROCESS).body()));
    }
}
