package org.openlsa.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JDK peer's reply reader: every JSON value kind its child writes, and no truncated line accepted. */
class JsonReaderTest {
    @Test
    void readsNestedValues() throws PeerException {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("ok", false);
        expected.put("n", 18L);
        expected.put("none", null);
        expected.put("s", "a \"quoted\"\\ line\nwith \u00e9");
        expected.put("list", List.of("x", 1L, true));
        expected.put("empty", Map.of());
        expected.put("x", Arrays.asList(1.5, null));
        assertEquals(expected, JsonReader.parse("{\"ok\":false, \"n\":18,\"none\":null,"
                + "\"s\":\"a \\\"quoted\\\"\\\\ line\\nwith \\u00e9\",\"list\":[\"x\",1,true],\"empty\":{},"
                + "\"x\":[1.5,null]}"));
    }

    @Test
    void refusesTruncatedOrTrailingText() {
        assertThrows(PeerException.class, () -> JsonReader.parse("{\"ok\":true"));
        assertThrows(PeerException.class, () -> JsonReader.parse("{\"ok\":true} x"));
        assertThrows(PeerException.class, () -> JsonReader.parse("{\"s\":\"unterminated}"));
    }
}
