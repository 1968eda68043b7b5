package org.openlsa.sam;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServicePrincipalNamesTest {
    @Test
    void wellFormedNames() {
        for (String spn : List.of("HTTP/www.example.com", "HTTP/www.example.com:8080", "host/ws1",
                "MSSQLSvc/db.example.com:instance", "ldap/dc.example.com/example.com", "cifs/fs:445/EXAMPLE")) {
            assertTrue(ServicePrincipalNames.isValid(spn), spn);
        }
    }

    @Test
    void malformedNames() {
        for (String spn : List.of("", "HTTP", "/host", "HTTP/", "HTTP//name", "HTTP/host/", "a/b/c/d",
                "HTTP/host@EXAMPLE.COM", "HTTP/:80", "HTTP/host:", "HTTP/a:b:c", "HTTP/ho\tst",
                "HTTP/" + "h".repeat(ServicePrincipalNames.MAX_LENGTH))) {
            assertFalse(ServicePrincipalNames.isValid(spn), spn);
            assertThrows(IllegalArgumentException.class, () -> ServicePrincipalNames.requireValid(spn), spn);
        }
        assertFalse(ServicePrincipalNames.isValid(null));
    }
}
