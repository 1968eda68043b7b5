package org.openlsa.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The state directory's layout, and that it has one owner. */
class StateLayoutTest {
    /** The names as docs/install.md, docs/kdc.md and docs/ipc.md give them: changing one breaks installations. */
    @Test
    void theNamesUsersAndScriptsRelyOn() {
        StateLayout l = StateLayout.of(Path.of("/var/lib/openlsa"));
        assertEquals(Path.of("/var/lib/openlsa/sam.db"), l.database());
        assertEquals("file:///var/lib/openlsa/sam.db", l.storeLocation().toString());
        assertEquals(Path.of("/var/lib/openlsa/audit.jsonl"), l.auditLog());
        assertEquals(Path.of("/var/lib/openlsa/subauth"), l.subauthDirectory());
        assertEquals(Path.of("/var/lib/openlsa/krb5.conf"), l.krb5Conf());
        assertEquals(Path.of("/var/lib/openlsa/krb5.keytab"), l.keytab());
        assertEquals(Path.of("/var/lib/openlsa/kdc.properties"), l.kdcConfig());
        assertEquals(Path.of("/var/lib/openlsa/idmap.properties"), l.idmapConfig());
        assertEquals(Path.of("/var/lib/openlsa/lsad.sock"), l.socket());
        assertEquals(Path.of("/var/lib/openlsa/lsad.lock"), l.daemonLock());
        assertEquals(Path.of("/var/lib/openlsa/kdc.lock"), l.kdcLock());
        assertEquals(Path.of("/var/lib/openlsa/kdc.endpoint"), l.kdcEndpoint());
        assertEquals(Path.of("/var/lib/openlsa/kpasswd.endpoint"), l.kpasswdEndpoint());
        assertEquals(Path.of("/var/lib/openlsa/pkinit/kdc.pem"), l.pkinitKdcCertificate());
        assertEquals(Path.of("/var/lib/openlsa/pkinit/kdc-key.pem"), l.pkinitKdcKey());
        assertEquals(Path.of("/var/lib/openlsa/pkinit/anchors.pem"), l.pkinitAnchors());
        assertEquals(Path.of("/var/lib/openlsa/pkinit/crls.pem"), l.pkinitCrls());
        assertEquals(Path.of("/var/lib/openlsa/pkinit/ca.pem"), l.pkinitCaCertificate());
        assertEquals(Path.of("/var/lib/openlsa/pkinit/ca-key.pem"), l.pkinitCaKey());
    }

    @Test
    void aRelativeDirectoryIsMadeAbsolute() {
        assertTrue(StateLayout.of(Path.of("state")).directory().isAbsolute());
    }

    /**
     * No product source outside this module spells a state file's name: they all ask the layout. (krb5.conf and
     * krb5.keytab are left out: the peers write their own, in their own directories.)
     */
    @Test
    void noOtherModuleSpellsAStateFileName() throws IOException {
        Pattern literal = Pattern.compile("\"(sam\\.db|audit\\.jsonl|lsad\\.sock|lsad\\.lock|kdc\\.lock|kdc\\.properties"
                + "|kdc\\.endpoint|kpasswd\\.endpoint|idmap\\.properties|subauth"
                + "|kdc\\.pem|kdc-key\\.pem|anchors\\.pem|crls\\.pem|ca\\.pem|ca-key\\.pem)\"");
        Path repository = Path.of("").toAbsolutePath().getParent(); // surefire runs in the module's directory
        List<Path> sources = new ArrayList<>();
        Files.walkFileTree(repository, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                String name = d.getFileName().toString();
                return !d.equals(repository) && (name.equals("target") || name.startsWith(".") || name.equals("test")
                        || d.equals(repository.resolve("host"))) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                if (f.toString().endsWith(".java") && f.toString().contains("/src/main/java/")) {
                    sources.add(f);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        assertTrue(sources.size() > 100, "found the sources: " + sources.size());
        List<String> found = new ArrayList<>();
        for (Path f : sources) {
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                if (literal.matcher(lines.get(i)).find()) {
                    found.add(repository.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }
        assertTrue(found.isEmpty(), "ask StateLayout for these:\n" + String.join("\n", found));
    }
}
