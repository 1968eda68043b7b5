package org.openlsa.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessSpecTest {
    @Test
    void theProgramAndWorkingDirectoryMustBeAbsolute() {
        assertThrows(IllegalArgumentException.class, () -> ProcessSpec.of(Path.of("bin/true")).build());
        assertThrows(IllegalArgumentException.class,
                () -> ProcessSpec.of(Path.of("/bin/true")).workingDirectory(Path.of("tmp")).build());
    }

    @Test
    void whatCannotCrossExecveIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ProcessSpec.of(Path.of("/bin/echo")).arguments("a\0b").build());
        assertThrows(IllegalArgumentException.class, () -> ProcessSpec.of(Path.of("/bin/true")).environment("A=B", "c").build());
        assertThrows(IllegalArgumentException.class, () -> ProcessSpec.of(Path.of("/bin/true")).environment("", "c").build());
        assertThrows(IllegalArgumentException.class, () -> ProcessSpec.of(Path.of("/bin/true")).environment("A", "\0").build());
    }

    @Test
    void stdioDirectionsAreChecked() {
        assertThrows(IllegalArgumentException.class,
                () -> ProcessSpec.of(Path.of("/bin/true")).stdin(Stdio.appendTo(Path.of("/tmp/x"))).build());
        assertThrows(NullPointerException.class, () -> ProcessSpec.of(Path.of("/bin/true")).stdout(null));
    }

    @Test
    void theSpecIsImmutable() {
        ProcessSpec s = ProcessSpec.of(Path.of("/bin/echo")).arguments("a").environment("X", "1")
                .limit(ResourceLimit.CORE_BYTES, Rlimit.of(0)).build();
        assertThrows(UnsupportedOperationException.class, () -> s.arguments().add("b"));
        assertThrows(UnsupportedOperationException.class, () -> s.environment().put("Y", "2"));
        assertThrows(UnsupportedOperationException.class, () -> s.limits().clear());
        assertEquals(List.of("a"), s.arguments());
        assertEquals(Map.of("X", "1"), s.environment());
    }

    @Test
    void limitsAreSoftAtMostHard() {
        assertThrows(IllegalArgumentException.class, () -> new Rlimit(10, 5));
        assertThrows(IllegalArgumentException.class, () -> new Rlimit(Rlimit.UNLIMITED, 5));
        assertThrows(IllegalArgumentException.class, () -> new Rlimit(-2, 5));
        assertEquals("5:unlimited", new Rlimit(5, Rlimit.UNLIMITED).prlimitValue());
        assertEquals("0:0", Rlimit.of(0).prlimitValue());
    }

    @Test
    void theJdksExitValueIsReadAsAnExitOrASignal() {
        assertEquals(new ExitStatus.Exited(0), ExitStatus.ofExitValue(0));
        assertEquals(new ExitStatus.Exited(128), ExitStatus.ofExitValue(128));
        assertEquals(new ExitStatus.Signaled(9), ExitStatus.ofExitValue(137));
        assertEquals(new ExitStatus.Exited(255), ExitStatus.ofExitValue(255));
    }

    @Test
    void aWaitStatusIsAnExitOrASignalExactly() {
        assertEquals(new ExitStatus.Exited(0), ExitStatus.ofWaitStatus(0));
        assertEquals(new ExitStatus.Exited(200), ExitStatus.ofWaitStatus(200 << 8));
        assertEquals(new ExitStatus.Exited(137), ExitStatus.ofWaitStatus(137 << 8));
        assertEquals(new ExitStatus.Signaled(9), ExitStatus.ofWaitStatus(9));
        assertEquals(new ExitStatus.Signaled(11), ExitStatus.ofWaitStatus(11 | 0x80)); // with a core dump
    }
}
