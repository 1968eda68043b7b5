package org.openlsa.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openlsa.host.StateLayout;

/**
 * What a process the daemon starts needs to find the logon session's tickets: {@code KRB5CCNAME=KCM:} and, when the
 * KCM socket is not where MIT's clients look by default, a krb5.conf fragment naming it ({@code kcm_socket}), put
 * first in {@code KRB5_CONFIG} before the configuration the daemon itself runs with (MIT merges the files of that
 * list, the first one's values winning).
 */
final class KcmClientConfig {
    private KcmClientConfig() {}

    /**
     * Writes {@code <state>/kcm-krb5.conf} (mode 0644: every user's processes read it) when needed and returns the
     * environment for started processes.
     */
    static Map<String, String> write(StateLayout layout, Path socket) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KRB5CCNAME", "KCM:");
        if (socket.toAbsolutePath().equals(KcmConfig.MIT_DEFAULT_SOCKET)) {
            return env;
        }
        Path file = layout.kcmClientConf();
        String text = """
                # Written by lsa serve at each start: the KCM socket of this LSA, for the processes it starts
                # (docs/kcm.md). Not for editing: kcm.properties says where the socket is.
                [libdefaults]
                    default_ccache_name = KCM:
                    kcm_socket = %s
                """.formatted(socket.toAbsolutePath());
        Path tmp = Files.createTempFile(layout.directory(), ".kcm-krb5.", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        String inherited = System.getenv("KRB5_CONFIG");
        env.put("KRB5_CONFIG", file + ":" + (inherited == null || inherited.isBlank() ? "/etc/krb5.conf" : inherited));
        return env;
    }
}
