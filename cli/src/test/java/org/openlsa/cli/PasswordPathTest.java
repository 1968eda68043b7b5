package org.openlsa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.engine.LogonRequest;
import org.openlsa.engine.LsaConnection;
import org.openlsa.engine.spi.logon.InteractiveLogon;
import org.openlsa.kerberos.KerbInteractiveLogonCodec;
import org.openlsa.msv1_0.Msv1_0InteractiveLogonCodec;

/**
 * The password from where the CLI reads it to the logon structure it submits: a secret at every step, so that
 * closing the secrets zeroes every copy (docs/architecture.md, secrets).
 */
class PasswordPathTest {

    private static SecretBytes line(String input) throws Exception {
        return PasswordInput.firstLine(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), "ended");
    }

    private static byte[] utf16(String s) {
        return s.getBytes(StandardCharsets.UTF_16LE);
    }

    @Test
    void theFirstLineBecomesAUtf16leSecret() throws Exception {
        try (SecretBytes pw = line("P\u00e4ssw\u00f6rd\u20ac\r\nsecond line\n")) {
            assertTrue(pw.equalsConstantTime(utf16("P\u00e4ssw\u00f6rd\u20ac")));
        }
        try (SecretBytes last = line("no newline")) {
            assertTrue(last.equalsConstantTime(utf16("no newline")));
        }
        try (SecretBytes empty = line("\n")) {
            assertEquals(0, empty.length());
        }
        try (SecretBytes bad = PasswordInput.firstLine(new ByteArrayInputStream(new byte[] {'a', (byte) 0xFF}), "x")) {
            assertTrue(bad.equalsConstantTime(utf16("a\ufffd")), "malformed UTF-8 is replaced, as before");
        }
        assertEquals("ended", assertThrows(IllegalArgumentException.class, () -> line("")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> line("x".repeat(PasswordInput.MAX_LINE_BYTES + 1)));
        try (SecretBytes longest = line("x".repeat(PasswordInput.MAX_LINE_BYTES))) {
            assertEquals(2 * PasswordInput.MAX_LINE_BYTES, longest.length());
        }
    }

    /** A connection that knows two packages and nothing else: the request is only built here, not submitted. */
    private static LsaConnection connection(boolean trusted) {
        return (LsaConnection) Proxy.newProxyInstance(LsaConnection.class.getClassLoader(),
                new Class<?>[] {LsaConnection.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "isTrusted" -> trusted;
                    case "lookupAuthenticationPackage" -> "MSV1_0".equals(args[0]) ? 0 : 1;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    /**
     * The request `lsa logon` and `lsa demo` submit holds the password only inside its encoded structure, a secret
     * the request owns: closing the request destroys that copy and leaves the caller's password to the caller.
     */
    @Test
    void aPasswordLogonRequestHoldsThePasswordOnlyInASecretItCloses() throws Exception {
        for (boolean kerberos : new boolean[] {false, true}) {
            SecretBytes structure;
            try (SecretBytes pw = line("Wonderland-Passw0rd\n")) {
                LogonRequest request = LogonCommand.passwordLogon(connection(true), "test", kerberos,
                        SecurityLogonType.INTERACTIVE, "CONTOSO", "alice", pw, Optional.empty());
                structure = request.authenticationInformation();
                try (InteractiveLogon decoded = kerberos ? KerbInteractiveLogonCodec.decode(structure)
                        : Msv1_0InteractiveLogonCodec.decode(structure)) {
                    assertEquals("alice", decoded.userName());
                    assertTrue(decoded.password().equalsConstantTime(pw));
                }
                assertEquals(kerberos ? 1 : 0, request.authenticationPackage());
                request.close();
                assertFalse(pw.isDestroyed(), "the caller's password is the caller's to close");
            }
            assertTrue(structure.isDestroyed(), "closing the request destroyed the structure holding the password");
        }
    }
}
