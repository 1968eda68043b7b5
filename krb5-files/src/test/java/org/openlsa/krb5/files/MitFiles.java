package org.openlsa.krb5.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The MIT-written test files (see src/test/resources/org/openlsa/krb5/files/mit/README.md). */
final class MitFiles {
    private MitFiles() {}

    static byte[] bytes(String name) throws IOException {
        try (InputStream in = MitFiles.class.getResourceAsStream("mit/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource mit/" + name);
            }
            return in.readAllBytes();
        }
    }

    static Path copy(String name, Path dir) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes(name));
        return p;
    }
}
