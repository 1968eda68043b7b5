package org.openlsa.peers;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A missing peer is a clear failure naming the package to install, never a skip. */
class CommandsTest {
    @Test
    void aMissingBinaryNamesItsPackage() {
        PeerException e = assertThrows(PeerException.class,
                () -> Commands.find("openlsa-no-such-peer", "some-debian-package"));
        assertTrue(e.getMessage().contains("openlsa-no-such-peer not found"), e.getMessage());
        assertTrue(e.getMessage().contains("install the Debian package some-debian-package"), e.getMessage());
    }

    @Test
    void aMissingFileNamesItsPackage() {
        PeerException e = assertThrows(PeerException.class,
                () -> Commands.require(Path.of("/nonexistent/libnss_wrapper.so"), "libnss-wrapper"));
        assertTrue(e.getMessage().contains("libnss-wrapper"), e.getMessage());
    }
}
