package org.openlsa.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Killing a daemon started under {@code setsid} together with every process of its group, including children
 * already orphaned (krb5kdc -w workers outlive a killed supervisor).
 */
final class ProcessGroups {
    private ProcessGroups() {
    }

    /**
     * SIGKILLs {@code leader} first (so a supervisor cannot replace a worker), then every process in its group,
     * until none runs or {@code grace} has passed. Falls back to the process tree if {@code leader} shares this
     * JVM's group: killing that group would kill the JVM.
     */
    static void kill(ProcessHandle leader, Duration grace) {
        OptionalLong group = processGroupOf(leader.pid());
        OptionalLong ownGroup = processGroupOf(ProcessHandle.current().pid());
        if (group.isEmpty() || ownGroup.isEmpty() || group.getAsLong() == ownGroup.getAsLong()) {
            Commands.destroyTree(leader, grace);
            return;
        }
        long deadline = System.nanoTime() + grace.toNanos();
        leader.destroyForcibly();
        while (true) {
            List<ProcessHandle> members = runningMembers(group.getAsLong());
            if (members.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            members.forEach(ProcessHandle::destroyForcibly);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        // The leader is this JVM's child: wait for its reaping so no zombie outlives close().
        leader.onExit().completeOnTimeout(leader, Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                .join();
    }

    /** The processes of group {@code pgid} that run (zombies excluded). */
    static List<ProcessHandle> runningMembers(long pgid) {
        return ProcessHandle.allProcesses()
                .filter(p -> processGroupOf(p.pid()).orElse(-1) == pgid && running(p.pid()))
                .toList();
    }

    /** The fifth field of /proc/PID/stat; empty if the process is gone. */
    static OptionalLong processGroupOf(long pid) {
        String[] fields = statFieldsAfterName(pid);
        return fields == null || fields.length < 3 ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(fields[2]));
    }

    /** Alive and not a zombie (an orphan's zombie may never be reaped here). */
    private static boolean running(long pid) {
        String[] fields = statFieldsAfterName(pid);
        return fields != null && fields.length > 0 && !fields[0].equals("Z") && !fields[0].equals("X");
    }

    /** state, ppid, pgrp, ... : the fields after "(comm)", which may itself contain spaces and parentheses. */
    private static String[] statFieldsAfterName(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int close = stat.lastIndexOf(')');
            return close < 0 ? null : stat.substring(close + 1).trim().split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
