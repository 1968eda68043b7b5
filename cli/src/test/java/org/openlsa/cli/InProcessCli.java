package org.openlsa.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code lsa} in this JVM through {@link Main#run}, as the test's own user: its exit status, stdout and stderr. */
final class InProcessCli {
    record Run(int exit, String out, String err) {}

    private InProcessCli() {}

    /** Runs {@code lsa --state STATE args...}; with a null {@code state}, {@code lsa args...} as given. */
    static Run lsa(Path state, String... args) {
        List<String> all = new ArrayList<>(state == null ? List.of() : List.of("--state", state.toString()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }
}
