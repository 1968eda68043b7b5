package org.openlsa.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import org.openlsa.core.LsaException;
import org.openlsa.host.AccountStores;
import org.openlsa.host.StateException;
import org.openlsa.host.StateLayout;
import org.openlsa.sam.AccountStore;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every subcommand needs: the state directory of the root command, the output stream, JSON output. */
abstract class Cmd {
    private static final JsonFactory JSON = new JsonFactory();

    @Spec
    CommandSpec spec;

    StateLayout state() throws StateException {
        return ((Main) spec.root().userObject()).stateDirectory();
    }

    AccountStore openStore() throws StateException, LsaException {
        return AccountStores.installed().open(state());
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** A pretty-printing JSON generator over the output; the caller closes it (which flushes, not closes, out). */
    JsonGenerator json() throws IOException {
        Writer w = new java.io.FilterWriter(out()) {
            @Override
            public void close() throws IOException {
                flush();
            }
        };
        return JSON.createGenerator(w).useDefaultPrettyPrinter();
    }

    static void newline(JsonGenerator g) throws IOException {
        g.writeRaw('\n');
    }
}
