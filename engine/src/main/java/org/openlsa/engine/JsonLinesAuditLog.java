package org.openlsa.engine;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The audit log as JSON lines, one object per event, appended to a file (format: docs/audit.md): logons and logoffs
 * from the engine, account security events (Kerberos pre-authentication failures, lockouts, password changes,
 * administration) from the KDC and the command line. Each line reaches the operating system before {@link #record}
 * returns, so a killed process loses no recorded event.
 *
 * <p>More than one process may append to the same file (the daemon, and an administration command run while it
 * serves): the file is opened O_APPEND and every event is one {@code write} of one whole line, so the kernel places
 * each line at the end of the file as one unit and lines from different writers never interleave.
 */
public final class JsonLinesAuditLog implements AuditSink, org.openlsa.sam.SecurityEventSink, AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();

    private final Path file;
    private final OutputStream out;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean failed;

    private JsonLinesAuditLog(Path file, OutputStream out) {
        this.file = file;
        this.out = out;
    }

    /** Opens (creating if needed, owner-only permissions) the log for appending. */
    public static JsonLinesAuditLog open(Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.createFile(file, OwnerOnly.attributes());
        }
        return new JsonLinesAuditLog(file, Files.newOutputStream(file, StandardOpenOption.APPEND, StandardOpenOption.WRITE));
    }

    public Path file() {
        return file;
    }

    /** One event as its JSON line (without the newline). */
    public static String toJson(AuditEvent e) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(320);
        try (JsonGenerator g = JSON.createGenerator(buf)) {
            g.writeStartObject();
            g.writeStringField("time", e.time().toString());
            g.writeNumberField("eventId", windowsEventId(e));
            g.writeStringField("event", e.kind());
            g.writeStringField("outcome", e.success() ? "success" : "failure");
            g.writeStringField("status", e.status().symbolicName().orElse(e.status().hex()));
            g.writeStringField("statusCode", e.status().hex());
            g.writeStringField("subStatus", e.subStatus().symbolicName().orElse(e.subStatus().hex()));
            g.writeStringField("subStatusCode", e.subStatus().hex());
            g.writeStringField("logonType", e.logonType().displayName());
            g.writeStringField("package", e.authenticationPackage());
            g.writeStringField("origin", e.origin());
            g.writeStringField("caller", e.caller().toString());
            g.writeStringField("callerProcess", e.callerProcess());
            if (!e.callerName().isEmpty()) {
                g.writeStringField("callerName", e.callerName());
            }
            g.writeStringField("user", e.userName());
            g.writeStringField("domain", e.domain());
            if (e.userSid().isPresent()) {
                g.writeStringField("userSid", e.userSid().get().toString());
            }
            if (e.logonId().isPresent()) {
                g.writeStringField("logonId", e.logonId().get().toString());
            }
            if (e.process().isPresent()) {
                AuditEvent.ProcessRecord p = e.process().get();
                g.writeNumberField("pid", p.pid());
                g.writeStringField("program", p.program());
                if (!p.exit().isEmpty()) {
                    g.writeStringField("exit", p.exit());
                }
            }
            g.writeEndObject();
        } catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex); // an in-memory buffer cannot fail
        }
        return buf.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * 4624 an account was logged on, 4625 an account failed to log on, 4634 an account was logged off, 4688 a new
     * process has been created (also a failed attempt, with its status), 4689 a process has exited.
     */
    private static int windowsEventId(AuditEvent e) {
        return switch (e.kind()) {
            case AuditEvent.LOGOFF -> 4634;
            case AuditEvent.PROCESS_START -> 4688;
            case AuditEvent.PROCESS_EXIT -> 4689;
            default -> e.success() ? 4624 : 4625;
        };
    }

    /** One account security event as its JSON line (without the newline). */
    public static String toJson(org.openlsa.sam.SecurityEvent e) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(320);
        try (JsonGenerator g = JSON.createGenerator(buf)) {
            g.writeStartObject();
            g.writeStringField("time", e.time().toString());
            g.writeNumberField("eventId", e.eventId());
            g.writeStringField("event", e.event());
            g.writeStringField("outcome", e.success() ? "success" : "failure");
            g.writeStringField("status", e.status().symbolicName().orElse(e.status().hex()));
            g.writeStringField("statusCode", e.status().hex());
            g.writeStringField("source", e.source());
            g.writeStringField("user", e.userName());
            g.writeStringField("domain", e.domain());
            if (e.userSid().isPresent()) {
                g.writeStringField("userSid", e.userSid().get().toString());
            }
            if (!e.caller().isEmpty()) {
                g.writeStringField("caller", e.caller());
            }
            if (!e.clientAddress().isEmpty()) {
                g.writeStringField("clientAddress", e.clientAddress());
            }
            if (!e.changed().isEmpty()) {
                g.writeArrayFieldStart("changed");
                for (String c : e.changed()) {
                    g.writeString(c);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex); // an in-memory buffer cannot fail
        }
        return buf.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void record(org.openlsa.sam.SecurityEvent event) {
        append(toJson(event));
    }

    @Override
    public void record(AuditEvent event) {
        append(toJson(event));
    }

    /** One whole line in one write on an O_APPEND file: atomic with respect to other appending processes. */
    private void append(String json) {
        byte[] line = (json + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        lock.lock();
        try {
            out.write(line);
        } catch (IOException e) {
            if (!failed) {
                failed = true;
                System.getLogger(JsonLinesAuditLog.class.getName())
                        .log(System.Logger.Level.ERROR, "audit log " + file + " cannot be written: " + e.getMessage());
            }
        } finally {
            lock.unlock();
        }
    }

    /** Flushes to the operating system and closes. */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            out.close();
        } finally {
            lock.unlock();
        }
    }
}
