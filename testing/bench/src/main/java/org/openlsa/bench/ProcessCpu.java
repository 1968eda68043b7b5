package org.openlsa.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * CPU time (user + system) of a server under load, from Linux's /proc: the process {@code pid} and every process
 * in the group it leads, so MIT krb5kdc's -w workers count with their supervisor and a JVM counts with all its
 * threads (JIT and GC included). On a two-core machine shared with the load generator, throughput alone mixes the
 * server's cost with the generator's; CPU per request is the server's own.
 */
final class ProcessCpu {
    private ProcessCpu() {}

    /** USER_HZ: the unit of utime and stime; 100 on every Linux the project runs on (getconf CLK_TCK). */
    private static final long TICK_NANOS = 10_000_000L;

    static LongSupplier of(long pid) {
        return () -> total(pid);
    }

    private static long total(long pid) {
        long ticks = 0;
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> isNumber(p.getFileName()
                .toString()))) {
            for (Path p : procs) {
                String stat;
                try {
                    stat = Files.readString(p.resolve("stat"), StandardCharsets.US_ASCII);
                } catch (IOException e) {
                    continue; // the process ended while we looked
                }
                // "pid (comm) state ppid pgrp ..."; comm may hold spaces or ')', so split after the last ')'.
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long self = Long.parseLong(p.getFileName().toString());
                long group = Long.parseLong(f[2]);
                if (self == pid || group == pid) {
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc: " + e.getMessage(), e);
        }
        return ticks * TICK_NANOS;
    }

    private static boolean isNumber(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return !s.isEmpty();
    }
}
