package org.openlsa.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

/**
 * The login PATHs of the host's policy, /etc/login.defs' ENV_PATH (for every uid but 0) and ENV_SUPATH (for uid 0),
 * which login(1) and su(1) set: a launched program gets the PATH an interactive login on this host would give.
 * Either may be written {@code PATH=/usr/bin:/bin} or {@code /usr/bin:/bin}; a missing file or key falls back to
 * Debian's defaults. The file is read again when its modification time changes.
 *
 * @param userPath ENV_PATH
 * @param rootPath ENV_SUPATH
 */
record LoginDefs(String userPath, String rootPath) {
    /** Debian's login.defs values, used where the host says nothing. */
    static final LoginDefs DEBIAN = new LoginDefs("/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games",
            "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    private static final Path FILE = Path.of("/etc/login.defs");

    private record Cached(FileTime modified, LoginDefs defs) {}

    private static volatile Cached cache;

    /** The host's values, from /etc/login.defs. */
    static LoginDefs host() {
        FileTime modified;
        try {
            modified = Files.getLastModifiedTime(FILE);
        } catch (IOException e) {
            return DEBIAN;
        }
        Cached c = cache;
        if (c != null && c.modified.equals(modified)) {
            return c.defs;
        }
        LoginDefs defs;
        try {
            defs = parse(Files.readString(FILE, StandardCharsets.UTF_8));
        } catch (IOException e) {
            defs = DEBIAN;
        }
        cache = new Cached(modified, defs);
        return defs;
    }

    /** The values in a login.defs text, each falling back to {@link #DEBIAN}'s. */
    static LoginDefs parse(String text) {
        return new LoginDefs(value(text, "ENV_PATH").orElse(DEBIAN.userPath),
                value(text, "ENV_SUPATH").orElse(DEBIAN.rootPath));
    }

    private static Optional<String> value(String text, String key) {
        Optional<String> found = Optional.empty();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.startsWith("#")) {
                continue;
            }
            String[] kv = l.split("\\s+", 2);
            if (kv.length == 2 && kv[0].equals(key)) {
                String v = kv[1].strip();
                v = v.startsWith("PATH=") ? v.substring("PATH=".length()) : v;
                // Only a list of absolute directories: anything else is not a PATH login(1) would set.
                if (!v.isEmpty() && java.util.Arrays.stream(v.split(":")).allMatch(d -> d.startsWith("/"))) {
                    found = Optional.of(v); // the last definition wins, as in shadow's getdef
                }
            }
        }
        return found;
    }
}
