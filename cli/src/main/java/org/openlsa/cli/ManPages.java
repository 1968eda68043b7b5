package org.openlsa.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine;

/**
 * Writes man pages for the distribution ({@code distribution/build-dist}): {@code lsa.1} and one {@code lsa-CMD.1}
 * per command, each the command's {@code --help} text (and its subcommands') as a preformatted roff page, so
 * {@code man lsa-logon} says exactly what {@code lsa logon --help} says. Usage: {@code ManPages OUTPUT_DIR VERSION}.
 */
public final class ManPages {
    private ManPages() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: ManPages OUTPUT_DIR VERSION");
            System.exit(ExitCode.USAGE);
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        String version = args[1];
        CommandLine root = Main.commandLine(new String[0]);
        Files.writeString(dir.resolve("lsa.1"), page("lsa", "the OpenLSA command line", usage(root), version));
        for (CommandLine sub : root.getSubcommands().values()) {
            String name = sub.getCommandName();
            if (name.equals("help")) {
                continue;
            }
            StringBuilder text = new StringBuilder(usage(sub));
            for (CommandLine nested : sub.getSubcommands().values()) {
                text.append('\n').append(usage(nested));
            }
            String[] description = sub.getCommandSpec().usageMessage().description();
            String summary = description.length == 0 ? "lsa " + name : description[0];
            Files.writeString(dir.resolve("lsa-" + name + ".1"), page("lsa-" + name, summary, text.toString(), version));
        }
    }

    private static String usage(CommandLine cl) {
        return cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    static String page(String name, String summary, String text, String version) {
        return ".TH " + name.toUpperCase(Locale.ROOT) + " 1 \"\" \"OpenLSA " + version + "\" \"OpenLSA Manual\"\n"
                + ".SH NAME\n" + name + " \\- " + roff(summary) + "\n"
                + ".SH DESCRIPTION\n.nf\n" + roff(text) + (text.endsWith("\n") ? "" : "\n") + ".fi\n"
                + ".SH SEE ALSO\nlsa(1); docs/install.md and docs/cli.md in the distribution\n";
    }

    /** Text safe in roff: backslashes escaped, no line taken for a request ('.' or '\'' first). */
    static String roff(String text) {
        return text.replace("\\", "\\e").replaceAll("(?m)^([.'])", "\\\\&$1");
    }
}
