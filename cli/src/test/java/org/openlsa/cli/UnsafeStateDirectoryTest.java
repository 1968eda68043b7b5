package org.openlsa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.openlsa.cli.InProcessCli.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lsa init and lsa serve refuse a state directory another local user could tamper with (issue 17: a world-writable
 * directory let a local user swap sam.db before root served it): writable by others, a file in it writable by
 * others or owned by someone else, a parent others may write without the sticky bit.
 */
class UnsafeStateDirectoryTest {
    @TempDir
    Path tmp;

    private Run lsa(Path state, String... args) {
        return InProcessCli.lsa(state, args);
    }

    private Run init(Path state) throws Exception {
        Path pw = Files.writeString(tmp.resolve("pw"), "Adm1n-Passw0rd!\n");
        return lsa(state, "init", "--password-file", pw.toString());
    }

    private static void chmod(Path p, String perms) throws Exception {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
    }

    @Test
    void initRefusesAWorldWritableDirectory() throws Exception {
        Path state = Files.createDirectory(tmp.resolve("state"));
        chmod(state, "rwxrwxrwx");
        Run r = init(state);
        assertEquals(ExitCode.STATE, r.exit(), r.err());
        assertTrue(r.err().contains("unsafe state directory") && r.err().contains("writable by others"), r.err());
        assertTrue(!Files.exists(state.resolve("sam.db")), "nothing created");
        chmod(state, "rwx------");
        assertEquals(0, init(state).exit(), "the same directory once only its owner may write it");
    }

    @Test
    void initRefusesAFileOfAnotherUser() throws Exception {
        Path state = Files.createDirectory(tmp.resolve("state"));
        Path planted = Files.writeString(state.resolve("kerberos.properties"), "");
        Files.setAttribute(planted, "unix:uid", 65534); // nobody
        Run r = init(state);
        assertEquals(ExitCode.STATE, r.exit(), r.err());
        assertTrue(r.err().contains("belongs to") && r.err().contains("kerberos.properties"), r.err());
    }

    @Test
    void initRefusesAParentOthersMayWriteWithoutTheStickyBit() throws Exception {
        Path parent = Files.createDirectory(tmp.resolve("open"));
        chmod(parent, "rwxrwxrwx");
        Run r = init(parent.resolve("state"));
        assertEquals(ExitCode.STATE, r.exit(), r.err());
        assertTrue(r.err().contains("without the sticky bit"), r.err());
        Files.setAttribute(parent, "unix:mode", 01777); // like /tmp
        assertEquals(0, init(parent.resolve("state")).exit(), "a sticky parent is fine");
    }

    @Test
    void serveRefusesADatabaseOthersMayWrite() throws Exception {
        Path state = tmp.resolve("state");
        assertEquals(0, init(state).exit());
        chmod(state.resolve("sam.db"), "rw-rw-rw-");
        Run r = lsa(state, "serve");
        assertEquals(ExitCode.STATE, r.exit(), r.err());
        assertTrue(r.err().contains("sam.db is writable by others"), r.err());
        Run kdc = lsa(state, "kdc", "--port", "0");
        assertEquals(ExitCode.STATE, kdc.exit(), kdc.err());
    }
}
