package org.openlsa.sam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AccountNamesTest {

    private static void user(String name) {
        AccountNames.requireValid(name, AccountNames.MAX_USER_NAME, "user");
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "Administrator", "a", "svc_backup", "john.doe", "J Doe", "user-1", "x$",
        "twentycharacterslong", "\u00e9l\u00e8ve", ".hidden", "a.", "O'Brien"})
    void validNames(String name) {
        assertEquals(name, AccountNames.requireValid(name, AccountNames.MAX_USER_NAME, "user"));
    }

    @Test
    void emptyAndNullAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> user(""));
        assertThrows(IllegalArgumentException.class, () -> user(null));
    }

    @Test
    void lengthLimits() {
        assertEquals(20, AccountNames.MAX_USER_NAME);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> user("a".repeat(21)));
        assertTrue(e.getMessage().contains("20"), e.getMessage());
        String group = "g".repeat(256);
        assertEquals(group, AccountNames.requireValid(group, AccountNames.MAX_GROUP_NAME, "group"));
        assertThrows(IllegalArgumentException.class,
                () -> AccountNames.requireValid(group + "g", AccountNames.MAX_GROUP_NAME, "group"));
    }

    @ParameterizedTest
    @ValueSource(strings = {" alice", "alice ", "\talice", "alice\t", ".", "..", "...", ". .", " "})
    void whitespaceEdgesAndDotsOnlyAreRejected(String name) {
        assertThrows(IllegalArgumentException.class, () -> user(name));
    }

    static Stream<String> forbidden() {
        return "\"/\\[]:;|=,+*?<>@".chars().mapToObj(c -> "ab" + (char) c + "cd");
    }

    @ParameterizedTest
    @MethodSource("forbidden")
    void forbiddenCharactersAreRejected(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> user(name));
        assertTrue(e.getMessage().contains("'" + name.charAt(2) + "'"), e.getMessage());
    }

    static Stream<String> controls() {
        return Stream.concat(IntStream.range(0, 0x20).mapToObj(c -> "a" + (char) c + "b"), Stream.of("a\u007fb"));
    }

    @ParameterizedTest
    @MethodSource("controls")
    void controlCharactersAreRejected(String name) {
        assertThrows(IllegalArgumentException.class, () -> user(name));
    }

    @Test
    void messageNamesTheKind() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AccountNames.requireValid("", AccountNames.MAX_GROUP_NAME, "alias"));
        assertTrue(e.getMessage().startsWith("alias"), e.getMessage());
    }
}
