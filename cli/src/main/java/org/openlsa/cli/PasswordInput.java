package org.openlsa.cli;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.openlsa.crypto.NtOwf;
import org.openlsa.crypto.SecretBytes;
import picocli.CommandLine.Option;

/**
 * Where a password comes from: never the command line. {@code --password-stdin} reads the first line of standard
 * input, {@code --password-file F} the first line of a file; without either, an interactive terminal is asked
 * without echo. Intermediate buffers are zeroed; the result is a UTF-16LE secret.
 *
 * <p>Every command that reads a password reads it here. End of input where a password is expected is never a
 * password: {@code </dev/null}, an empty file, or a stream that ended after the old password of {@code kpasswd} is a
 * usage error (exit 2) raised before anything changes. An explicitly empty line is an empty password, which the
 * domain's policy then judges like any other (the default policy refuses it).
 */
final class PasswordInput {
    @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
    boolean fromStdin;

    @Option(names = "--password-file", paramLabel = "FILE", description = "Read the password from the first line of FILE.")
    Path file;

    boolean given() {
        return fromStdin || file != null;
    }

    /** Reads the password; {@code confirm} asks twice on a terminal. */
    SecretBytes read(String prompt, boolean confirm) throws IOException {
        if (fromStdin && file != null) {
            throw new IllegalArgumentException("give either --password-stdin or --password-file, not both");
        }
        if (fromStdin) {
            return fromStdin("the password");
        }
        if (file != null) {
            return fromFile(file);
        }
        return fromTerminal(prompt, confirm, "use --password-stdin or --password-file");
    }

    /** The next line of standard input; {@code what} names the password in the error when the input has ended. */
    static SecretBytes fromStdin(String what) throws IOException {
        return firstLine(System.in, "standard input ended before " + what + " (--password-stdin needs a line)");
    }

    /** The first line of {@code file}; a missing or unreadable file is a usage error like a missing option value. */
    static SecretBytes fromFile(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return firstLine(in, "--password-file " + file + " is empty (it needs the password on its first line)");
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("--password-file " + file + ": no such file");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IllegalArgumentException("--password-file " + file + ": permission denied");
        } catch (java.nio.file.FileSystemException e) {
            // a directory, a dangling link, ...: what the user named is not a file to read
            throw new IllegalArgumentException("--password-file " + file + ": " + (e.getReason() != null
                    ? e.getReason() : "cannot be read"));
        }
    }

    /**
     * Asks a terminal without echo; {@code confirm} asks again and requires the same answer. {@code otherwise}
     * tells the user what to do when there is no terminal.
     */
    static SecretBytes fromTerminal(String prompt, boolean confirm, String otherwise) {
        Console console = System.console();
        if (console == null) {
            throw new IllegalArgumentException("no terminal to ask for the password: " + otherwise);
        }
        char[] first = console.readPassword("%s: ", prompt);
        try {
            if (first == null) {
                throw new IllegalArgumentException("no password entered");
            }
            if (confirm) {
                char[] second = console.readPassword("Retype %s: ", prompt.toLowerCase(java.util.Locale.ROOT));
                try {
                    if (second == null || !Arrays.equals(first, second)) {
                        throw new IllegalArgumentException("the passwords do not match");
                    }
                } finally {
                    if (second != null) {
                        Arrays.fill(second, '\0');
                    }
                }
            }
            return NtOwf.utf16le(first);
        } finally {
            if (first != null) {
                Arrays.fill(first, '\0');
            }
        }
    }

    /**
     * The first line (without CR/LF) decoded as UTF-8, as a UTF-16LE secret. A last line without its newline counts;
     * input that ends before a single byte is no line at all: IllegalArgumentException({@code atEof}).
     */
    static SecretBytes firstLine(InputStream in, String atEof) throws IOException {
        byte[] raw = new byte[1024]; // a password line longer than this is refused below
        int len = 0;
        int b = in.read();
        if (b == -1) {
            throw new IllegalArgumentException(atEof);
        }
        for (; b != -1 && b != '\n'; b = in.read()) {
            if (len == raw.length) {
                Arrays.fill(raw, (byte) 0);
                throw new IllegalArgumentException("the password line is longer than " + raw.length + " bytes");
            }
            raw[len++] = (byte) b;
        }
        if (len > 0 && raw[len - 1] == '\r') {
            len--;
        }
        CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(raw, 0, len));
        char[] pw = new char[chars.remaining()];
        chars.get(pw);
        Arrays.fill(raw, (byte) 0);
        if (chars.hasArray()) {
            Arrays.fill(chars.array(), '\0');
        }
        try {
            return NtOwf.utf16le(pw);
        } finally {
            Arrays.fill(pw, '\0');
        }
    }
}
