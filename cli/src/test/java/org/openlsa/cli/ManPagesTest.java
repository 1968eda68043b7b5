package org.openlsa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManPagesTest {
    @Test
    void textCannotBecomeARoffRequestOrEscape() {
        assertEquals("BUILTIN\\eAdministrators\n\\&.profile\n\\&'quoted'\na.b", 
                ManPages.roff("BUILTIN\\Administrators\n.profile\n'quoted'\na.b"));
    }

    @Test
    void onePagePerCommandWithItsHelp(@TempDir Path dir) throws Exception {
        ManPages.main(new String[] {dir.toString(), "9.9"});
        String user = Files.readString(dir.resolve("lsa-user.1"));
        assertTrue(user.startsWith(".TH LSA-USER 1 \"\" \"OpenLSA 9.9\""), user);
        assertTrue(user.contains("lsa-user \\- Manage user accounts."), user);
        assertTrue(user.contains("Usage: lsa user add"), user); // the subcommands' help too
        for (Class<?> c : Main.SUBCOMMANDS) {
            String name = c.getAnnotation(picocli.CommandLine.Command.class).name();
            assertEquals(!name.equals("help"), Files.exists(dir.resolve("lsa-" + name + ".1")), name);
        }
        assertTrue(Files.readString(dir.resolve("lsa.1")).contains("Usage: lsa [-hV]"));
    }
}
