package org.openlsa.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * NtStatus is a record around an int: a status decoded from the wire or built by {@code NtStatus.of} is equal to
 * the named constant but need not be the same object, so comparing statuses with {@code ==} silently fails for
 * those. This keeps every product source free of {@code ==} / {@code !=} against an NtStatus constant.
 */
class NtStatusIdentityTest {
    /** {@code x == NtStatus.NAME}, {@code NtStatus.NAME != x}; Win32 codes (ints) are named ERROR_*. */
    private static final Pattern IDENTITY = Pattern.compile(
            "[=!]=\\s*NtStatus\\.(?!ERROR_)[A-Z_]+\\b|NtStatus\\.(?!ERROR_)[A-Z_]+\\s*[=!]=");

    @Test
    void aStatusFromTheWireEqualsTheConstantButIsAnotherObject() {
        NtStatus decoded = new NtStatus(NtStatus.WRONG_PASSWORD.code());
        assertEquals(NtStatus.WRONG_PASSWORD, decoded);
        assertNotSame(NtStatus.WRONG_PASSWORD, decoded, "why == is wrong for statuses");
    }

    @Test
    void noSourceComparesStatusesByIdentity() throws IOException {
        Path repository = Path.of("").toAbsolutePath().getParent(); // surefire runs in the module's directory
        List<String> found = new ArrayList<>();
        try (Stream<Path> modules = Files.list(repository)) {
            for (Path main : modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(main)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                        List<String> lines = Files.readAllLines(f);
                        for (int i = 0; i < lines.size(); i++) {
                            if (IDENTITY.matcher(lines.get(i)).find()) {
                                found.add(repository.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).strip());
                            }
                        }
                    }
                }
            }
        }
        assertTrue(found.isEmpty(), "compare NtStatus with equals:\n" + String.join("\n", found));
    }
}
