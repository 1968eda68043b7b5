package org.openlsa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The integrators' example in docs/launch.md ("For integrators: a job scheduler") is the compiled class
 * {@code org.openlsa.cli.example.JobScheduler}, line for line: a change to the API that breaks the example breaks this
 * module's test build, and a change to either copy alone fails here.
 */
class LaunchDocExampleTest {
    @Test
    void theDocumentShowsTheCompiledExampleVerbatim() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("docs/launch.md"))) {
            root = root.getParent();
        }
        List<String> source = Files.readAllLines(root.resolve(
                "cli/src/test/java/org/openlsa/cli/example/JobScheduler.java"));
        List<String> example = source.subList(source.indexOf("// doc:begin") + 1, source.indexOf("// doc:end"));
        String doc = Files.readString(root.resolve("docs/launch.md"));
        int section = doc.indexOf("## For integrators: a job scheduler");
        assertTrue(section >= 0, "docs/launch.md has the section");
        int start = doc.indexOf("```java\n", section) + "```java\n".length();
        List<String> shown = doc.substring(start, doc.indexOf("```", start)).lines().toList();
        assertEquals(example, shown, "docs/launch.md's example and JobScheduler.java differ");
    }
}
