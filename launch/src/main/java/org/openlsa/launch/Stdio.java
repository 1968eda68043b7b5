package org.openlsa.launch;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where one standard stream (0, 1 or 2) of a launched program goes (docs/launch.md, "Standard streams").
 *
 * <p>Security: a {@link File} is opened by the launcher with the launcher's identity (root in the daemon), so only the
 * LSA's own code may choose one; a caller of the daemon never names a path, it passes its own open descriptor
 * ({@link Descriptor}) across the socket instead, or gets {@link Null}.
 */
public sealed interface Stdio {
    /** The launcher's own descriptor of the same number. */
    record Inherit() implements Stdio {}

    /** {@code /dev/null}: read for standard input, written for output and error. */
    record Null() implements Stdio {}

    /**
     * A pipe to this JVM: {@link LaunchedProcess#stdin()}, {@link LaunchedProcess#stdout()}, ...; the caller closes
     * the streams it reads or writes.
     */
    record Pipe() implements Stdio {}

    /**
     * A file the launcher opens as itself (a posix_spawn file action, in the child before setpriv changes its ids):
     * read for standard input; for output and error written from its start (created if missing with mode 0666 less
     * the umask, truncated) or appended to.
     */
    record File(Path path, boolean append) implements Stdio {
        public File {
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * A descriptor this process holds (one a caller passed over the daemon's socket): the program gets a duplicate
     * of it. The launcher neither closes nor keeps it; its owner closes it once the start has returned.
     */
    record Descriptor(OpenDescriptor descriptor) implements Stdio {
        public Descriptor {
            Objects.requireNonNull(descriptor, "descriptor");
        }
    }

    Stdio INHERIT = new Inherit();
    Stdio NULL = new Null();
    Stdio PIPE = new Pipe();

    /** A file to read (standard input) or to write from its start (output, error). */
    static Stdio file(Path path) {
        return new File(path, false);
    }

    /** A file to append to (output, error). */
    static Stdio appendTo(Path path) {
        return new File(path, true);
    }

    static Stdio descriptor(OpenDescriptor d) {
        return new Descriptor(d);
    }
}
