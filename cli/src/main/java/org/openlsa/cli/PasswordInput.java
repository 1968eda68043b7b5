package org.openlsa.cli;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openlsa.crypto.SecretBytes;
import picocli.CommandLine.Option;

/**
 * Where a password comes from: never the command line. {@code --password-stdin} reads the first line of standard
 * input, {@code --password-file F} the first line of a file; without either, an interactive terminal is asked
 * without echo. The result is a UTF-16LE secret, and so is every buffer on the way to it (the line read, the
 * terminal's answer): {@link SecretBytes} is the one place that zeroes them. The picocli options hold only where
 * the password comes from, never the password.
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
     * tells the user what to do when there is no terminal. {@link Console#readPassword} can only answer with a
     * {@code char[]}: each answer becomes a secret at once ({@link SecretBytes#adoptChars} zeroes the array).
     */
    static SecretBytes fromTerminal(String prompt, boolean confirm, String otherwise) {
        Console console = System.console();
        if (console == null) {
            throw new IllegalArgumentException("no terminal to ask for the password: " + otherwise);
        }
        char[] first = console.readPassword("%s: ", prompt);
        if (first == null) {
            throw new IllegalArgumentException("no password entered");
        }
        SecretBytes password = SecretBytes.adoptChars(first);
        try {
            if (confirm) {
                char[] second = console.readPassword("Retype %s: ", prompt.toLowerCase(java.util.Locale.ROOT));
                if (second == null) {
                    throw new IllegalArgumentException("the passwords do not match");
                }
                try (SecretBytes again = SecretBytes.adoptChars(second)) {
                    if (!password.equalsConstantTime(again)) {
                        throw new IllegalArgumentException("the passwords do not match");
                    }
                }
            }
            return password;
        } catch (RuntimeException e) {
            password.destroy();
            throw e;
        }
    }

    /** The longest password line accepted, in bytes. */
    static final int MAX_LINE_BYTES = 1024;

    /**
     * The first line (without CR/LF) decoded as UTF-8, as a UTF-16LE secret. A last line without its newline counts;
     * input that ends before a single byte is no line at all: IllegalArgumentException({@code atEof}). The line is
     * read into secret memory and re-encoded secret to secret: no plain copy of it exists.
     */
    static SecretBytes firstLine(InputStream in, String atEof) throws IOException {
        try (SecretBytes raw = SecretBytes.allocate(MAX_LINE_BYTES)) {
            int length = raw.read(buffer -> readLine(in, buffer, atEof));
            try (SecretBytes line = raw.range(0, length)) {
                return line.utf8ToUtf16le(false);
            }
        }
    }

    /** Reads one line into {@code buffer} and returns its length without the line end. */
    private static int readLine(InputStream in, byte[] buffer, String atEof) throws IOException {
        int len = 0;
        int b = in.read();
        if (b == -1) {
            throw new IllegalArgumentException(atEof);
        }
        for (; b != -1 && b != '\n'; b = in.read()) {
            if (len == buffer.length) {
                throw new IllegalArgumentException("the password line is longer than " + buffer.length + " bytes");
            }
            buffer[len++] = (byte) b;
        }
        if (len > 0 && buffer[len - 1] == '\r') {
            len--;
        }
        return len;
    }
}
