package org.openlsa.msv1_0;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.ServiceLoader;

/**
 * Loads the subauthentication packages configured for an LSA: one {@code *.properties} file per package in one
 * directory (the state directory's {@code subauth}, which {@code org.openlsa.host.StateLayout} names), read in name
 * order. The key {@code type} names the package: {@code logon-window} for the built-in
 * {@link LogonWindowSubAuth}, or the fully qualified name of a {@link Factory} found through {@link ServiceLoader}
 * (a jar on the module or class path). Every other key belongs to the package. A file that cannot be read or
 * understood stops the LSA from starting, naming the file: a logon policy silently not applied is worse than none.
 */
public final class SubAuthConfiguration {
    private SubAuthConfiguration() {}

    /** Makes a subauthentication package from its configuration; provided through ServiceLoader. */
    public interface Factory {
        SubAuthenticationPackage create(Properties configuration);
    }

    /** The packages configured in {@code dir}; none when the directory does not exist. */
    public static List<SubAuthenticationPackage> load(Path dir) throws IOException {
        List<SubAuthenticationPackage> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.properties")) {
            ds.forEach(files::add);
        }
        files.sort(null);
        for (Path f : files) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            try {
                out.add(create(p));
            } catch (RuntimeException e) {
                throw new IOException(f + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    static SubAuthenticationPackage create(Properties p) {
        String type = p.getProperty("type", "").trim();
        if (type.equals("logon-window")) {
            return LogonWindowSubAuth.fromProperties(p);
        }
        for (Factory f : ServiceLoader.load(Factory.class)) {
            if (f.getClass().getName().equals(type)) {
                return f.create(p);
            }
        }
        throw new IllegalArgumentException("unknown subauthentication package type '" + type
                + "' (expected logon-window or a " + Factory.class.getName() + " on the module path)");
    }
}
