package org.openlsa.sam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openlsa.core.Sid;

class DomainInfoTest {
    private static final Sid SID = Sid.of(5, 21, 1, 2, 3);

    @Test
    void theRealmDefaultsToTheNameUpperCased() {
        DomainInfo d = new DomainInfo("Lab", SID, "HOST", DomainPolicy.DEFAULT);
        assertEquals("LAB", d.realm());
        assertEquals(new DomainInfo("Lab", SID, "HOST", "LAB", DomainPolicy.DEFAULT), d);
        assertEquals("STRASSE", DomainInfo.defaultRealm("straße"), "locale-independent full upper-casing");
    }

    @Test
    void anExplicitRealmIsKept() {
        DomainInfo d = new DomainInfo("LAB", SID, "HOST", "lab.example.org", DomainPolicy.DEFAULT);
        assertEquals("lab.example.org", d.realm());
        assertEquals("lab.example.org", d.withPolicy(DomainPolicy.DEFAULT.withMinPasswordLength(3)).realm());
    }

    @Test
    void realmRules() {
        for (String bad : List.of("", " LAB", "LAB ", "A@B", "A/B", "A\\B", "A\u0001B", "X".repeat(256))) {
            assertThrows(IllegalArgumentException.class,
                    () -> new DomainInfo("LAB", SID, "HOST", bad, DomainPolicy.DEFAULT), bad);
        }
        assertThrows(NullPointerException.class, () -> new DomainInfo("LAB", SID, "HOST", null, DomainPolicy.DEFAULT));
        assertEquals("X".repeat(255), DomainInfo.requireValidRealm("X".repeat(255)));
    }
}
