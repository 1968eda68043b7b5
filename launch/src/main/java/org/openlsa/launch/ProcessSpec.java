package org.openlsa.launch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to start: the program (an absolute path: nothing is searched, so no PATH of anyone's decides what runs), its
 * arguments (argv[1..]; argv[0] is the program's path), the environment added to the login environment (a name
 * given here replaces the login value), the working directory (empty: the account's home, docs/launch.md), the
 * resource limits, and where standard input, output and error go.
 *
 * <p>A file ({@link Stdio.File}) is opened by the launcher, with the launcher's identity (root in the daemon), not
 * the target user's: only the LSA's own code may choose such a path. A caller of the daemon passes its own open
 * descriptors across the socket instead ({@link Stdio.Descriptor}).
 */
public record ProcessSpec(Path program, List<String> arguments, Map<String, String> environment,
                          Optional<Path> workingDirectory, Map<ResourceLimit, Rlimit> limits,
                          Stdio stdin, Stdio stdout, Stdio stderr) {
    public ProcessSpec {
        Objects.requireNonNull(program, "program");
        if (!program.isAbsolute()) {
            throw new IllegalArgumentException("the program must be an absolute path, not " + program);
        }
        requireNoNul("program", program.toString());
        arguments = List.copyOf(arguments);
        arguments.forEach(a -> requireNoNul("argument", a));
        Map<String, String> env = new LinkedHashMap<>();
        environment.forEach((k, v) -> {
            if (k.isEmpty() || k.indexOf('=') >= 0) {
                throw new IllegalArgumentException("not an environment variable name: \"" + k + "\"");
            }
            requireNoNul("environment variable", k + v);
            env.put(k, v);
        });
        environment = Collections.unmodifiableMap(env);
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        workingDirectory.ifPresent(d -> {
            if (!d.isAbsolute()) {
                throw new IllegalArgumentException("the working directory must be an absolute path, not " + d);
            }
        });
        limits = limits.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(limits));
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        if (stdin instanceof Stdio.File f && f.append()) {
            throw new IllegalArgumentException("standard input cannot append to a file: " + f.path());
        }
    }

    private static void requireNoNul(String what, String s) {
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a NUL in the " + what + " cannot cross execve");
        }
    }

    /** A spec for {@code program} with no arguments, the login environment, no limits and inherited stdio. */
    public static Builder of(Path program) {
        return new Builder(program);
    }

    /** Builds a {@link ProcessSpec}; stdio defaults to {@link Stdio#INHERIT}. */
    public static final class Builder {
        private final Path program;
        private final List<String> arguments = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Optional<Path> workingDirectory = Optional.empty();
        private final Map<ResourceLimit, Rlimit> limits = new EnumMap<>(ResourceLimit.class);
        private Stdio stdin = Stdio.INHERIT;
        private Stdio stdout = Stdio.INHERIT;
        private Stdio stderr = Stdio.INHERIT;

        private Builder(Path program) {
            this.program = program;
        }

        public Builder arguments(String... args) {
            arguments.addAll(List.of(args));
            return this;
        }

        public Builder environment(String name, String value) {
            environment.put(name, Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder workingDirectory(Path dir) {
            workingDirectory = Optional.of(dir);
            return this;
        }

        public Builder limit(ResourceLimit resource, Rlimit limit) {
            limits.put(Objects.requireNonNull(resource, "resource"), Objects.requireNonNull(limit, "limit"));
            return this;
        }

        public Builder stdin(Stdio r) {
            stdin = Objects.requireNonNull(r, "stdin");
            return this;
        }

        public Builder stdout(Stdio r) {
            stdout = Objects.requireNonNull(r, "stdout");
            return this;
        }

        public Builder stderr(Stdio r) {
            stderr = Objects.requireNonNull(r, "stderr");
            return this;
        }

        public ProcessSpec build() {
            return new ProcessSpec(program, arguments, environment, workingDirectory, limits, stdin, stdout, stderr);
        }
    }
}
