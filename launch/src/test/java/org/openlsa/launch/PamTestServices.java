package org.openlsa.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Two throwaway PAM services in /etc/pam.d for the PAM tests (needs root): {@link #allow} (pam_permit) and
 * {@link #deny} (pam_deny, PAM_AUTH_ERR) account stacks, and one session stack for both: pam_exec runs a hook that
 * appends a line to {@link #log} at open_session and close_session, and pam_env sets {@code OLSA_FROM_PAM=yes}.
 */
final class PamTestServices implements AutoCloseable {
    final Path dir;
    final Path log;
    final String allow;
    final String deny;

    private PamTestServices(Path dir, Path log, String allow, String deny) {
        this.dir = dir;
        this.log = log;
        this.allow = allow;
        this.deny = deny;
    }

    /** @param hookFields what the hook writes per event, PAM's variables ({@code $PAM_TYPE $PAM_USER}) */
    static PamTestServices create(String prefix, String hookFields) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path log = dir.resolve("pam.log");
        Path hook = dir.resolve("hook");
        Files.writeString(hook, "#!/bin/sh\necho \"" + hookFields + "\" >> " + log + "\n");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwx------"));
        Path env = dir.resolve("env.conf");
        Files.writeString(env, "OLSA_FROM_PAM DEFAULT=yes\n");
        String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xFFFFF));
        String allow = prefix + "allow-" + suffix;
        String deny = prefix + "deny-" + suffix;
        String session = "session required pam_exec.so " + hook + "\n"
                + "session required pam_env.so readenv=0 conffile=" + env + "\n";
        Files.writeString(Path.of("/etc/pam.d", allow), "account required pam_permit.so\n" + session);
        Files.writeString(Path.of("/etc/pam.d", deny), "account required pam_deny.so\n" + session);
        return new PamTestServices(dir, log, allow, deny);
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(Path.of("/etc/pam.d", allow));
        Files.deleteIfExists(Path.of("/etc/pam.d", deny));
        try (var files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
