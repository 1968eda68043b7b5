package org.openlsa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Main builds only the subcommand a command line names (startup cost), and parses exactly as with all of them. */
class MainWiringTest {
    private static String nameOf(Class<?> c) {
        return c.getAnnotation(Command.class).name();
    }

    @Test
    void aNamedSubcommandIsTheOnlyOneBuilt() {
        for (Class<?> c : Main.SUBCOMMANDS) {
            String name = nameOf(c);
            if (name.equals("help")) {
                continue;
            }
            CommandLine cl = Main.commandLine(new String[] {"--state", "/x", name, "--help"});
            assertEquals(List.of(name), List.copyOf(cl.getSubcommands().keySet()), name);
        }
        assertEquals(List.of("status"),
                List.copyOf(Main.commandLine(new String[] {"--state=/x", "-V", "status", "1"}).getSubcommands().keySet()));
    }

    @Test
    void noHelpOrUnknownNameBuildsThemAll() {
        List<String> all = Main.SUBCOMMANDS.stream().map(MainWiringTest::nameOf).toList();
        for (String[] args : List.of(new String[0], new String[] {"--help"}, new String[] {"help", "logon"},
                new String[] {"stauts"}, new String[] {"--state", "status"}, new String[] {"--", "status"})) {
            assertEquals(all, List.copyOf(Main.commandLine(args).getSubcommands().keySet()), String.join(" ", args));
        }
    }

    @Test
    void theFirstCommandWordSkipsTheRootsOptions() {
        assertEquals("user", Main.firstCommandWord(new String[] {"--state", "user", "user", "list"}));
        assertEquals("logon", Main.firstCommandWord(new String[] {"-V", "--state=/s", "logon", "--user", "x"}));
        assertNull(Main.firstCommandWord(new String[] {"--state"}));
        assertNull(Main.firstCommandWord(new String[] {"--help"}));
    }

    @Test
    void usageAndSuggestionsStillListEveryCommand() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, Main.run(new String[] {"--help"}, new PrintWriter(out, true), new PrintWriter(err, true)));
        for (Class<?> c : Main.SUBCOMMANDS) {
            assertTrue(out.toString().contains("  " + nameOf(c) + " "), nameOf(c));
        }
        err = new StringWriter();
        assertEquals(ExitCode.USAGE, Main.run(new String[] {"stauts"}, new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true)));
        assertTrue(err.toString().contains("status"), err.toString());
    }

    @Test
    void theInheritedStateOptionWorksAfterTheSubcommand(@TempDir Path tmp) {
        Path empty = tmp.resolve("none");
        StringWriter err = new StringWriter();
        int exit = Main.run(new String[] {"user", "list", "--state", empty.toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(ExitCode.STATE, exit, err.toString());
        assertTrue(err.toString().contains(empty.toString()), err.toString());
    }
}
