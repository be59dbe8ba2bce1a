package dev.slipway.edge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The session a service runs in: {@code setsid} made the service's first process (the leader) its own session and
 * process group, and everything the service starts stays in it, so stopping the session stops all of the service
 * (as build-service's ProcessRunner does for steps). Membership is read from {@code /proc}, so this needs Linux; a
 * process that deliberately starts a session of its own escapes it.
 *
 * @param id              the leader's pid, which is also the session id
 * @param leaderStartedAt when the leader started: a pid alone may since have been reused by an unrelated process
 */
record ProcessSession(long id, Instant leaderStartedAt) {
    private static final Path PROC = Path.of("/proc");

    /**
     * Whether the leader still runs: the process started (not a later one with its pid), and not a zombie (ended,
     * not yet reaped by its new parent after the edge that started it went away).
     */
    boolean leaderRunning() {
        return ProcessHandle.of(id).filter(this::isLeader).isPresent()
                && stat(id).map(fields -> !fields[0].equals("Z")).orElse(false);
    }

    /**
     * The live processes of the session, leader included (zombies left out); none when the session id now names
     * another process's session (the leader is gone and its pid reused), so nothing unrelated is ever signalled.
     */
    List<ProcessHandle> members() {
        Optional<ProcessHandle> holder = ProcessHandle.of(id);
        if (holder.isPresent() && !isLeader(holder.get())) {
            return List.of();
        }
        List<ProcessHandle> members = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path entry : entries) {
                long pid = Long.parseLong(entry.getFileName().toString());
                stat(pid).filter(fields -> !fields[0].equals("Z") && Long.parseLong(fields[3]) == id)
                        .flatMap(fields -> ProcessHandle.of(pid))
                        .ifPresent(members::add);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the processes in " + PROC + ": " + e.getMessage(), e);
        }
        return members;
    }

    /** The fields of {@code /proc/<pid>/stat} after the command: state, ppid, pgrp, session, ... */
    private static Optional<String[]> stat(long pid) {
        String stat;
        try {
            stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty(); // ended while we looked, or not ours to read
        }
        // the command is in parentheses and may itself hold spaces and parentheses
        return Optional.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
    }

    private boolean isLeader(ProcessHandle process) {
        return process.info().startInstant().map(leaderStartedAt::equals).orElse(false);
    }
}
