package dev.slipway.build.domain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Runs one process with exactly the environment it is given, its output (stdout and stderr, interleaved)
 * appended to a log file, and a time limit. Output goes to a file rather than a pipe so a stray background
 * process holding it open cannot stall us.
 * <p>
 * The process starts in a session of its own ({@code setsid}), and when it ends (exit, timeout or cancel) every
 * process still in that session is stopped: a step must not leave a server or watcher running that holds ports
 * and memory and clashes with the next build. Membership is read from {@code /proc}, so this needs Linux; a
 * process that deliberately starts a session of its own (a daemon) escapes it.
 */
public final class ProcessRunner {
    private static final long POLL_MILLIS = 100;
    /** How long stopped processes get to end on SIGTERM before they are killed. */
    private static final Duration GRACE = Duration.ofSeconds(2);
    private static final Path PROC = Path.of("/proc");

    /**
     * @param shown how the command appears in the log: the same as the arguments, with secrets masked
     */
    public record Command(List<String> arguments, String shown, Path directory, Map<String, String> environment,
                          Duration timeout, Path logFile) {
        public Command {
            arguments = List.copyOf(arguments);
            environment = Map.copyOf(environment);
        }
    }

    /** @param exitCode null when the process was killed for exceeding its timeout */
    public record Outcome(Integer exitCode, boolean timedOut, Duration took) {
    }

    /**
     * @param cancelled polled while the process runs; when true the process and all it started are stopped and
     *                  {@link BuildCancelledException} thrown
     */
    public Outcome run(Command command, BooleanSupplier cancelled) throws IOException {
        Files.createDirectories(command.logFile().getParent());
        Files.writeString(command.logFile(), "$ " + command.shown() + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        // Started by the JVM the process is never a group leader, so setsid does not fork; --wait keeps the exit
        // code the step's own even if it ever did.
        List<String> arguments = new ArrayList<>(List.of("setsid", "--wait"));
        arguments.addAll(command.arguments());
        ProcessBuilder builder = new ProcessBuilder(arguments)
                .directory(command.directory().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(command.logFile().toFile()));
        builder.environment().clear();
        builder.environment().putAll(command.environment());
        long start = System.nanoTime();
        long deadline = start + command.timeout().toNanos();
        Process process = builder.start();
        process.getOutputStream().close(); // nothing to read: a step that waits for input gets end-of-file
        try {
            while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (cancelled.getAsBoolean()) {
                    stopSession(process);
                    throw new BuildCancelledException("stopped while running: " + command.shown());
                }
                if (System.nanoTime() - deadline > 0) {
                    stopSession(process);
                    note(command, "stopped after " + Durations.format(command.timeout()) + ": the timeout of this step");
                    return new Outcome(null, true, Duration.ofNanos(System.nanoTime() - start));
                }
            }
        } catch (InterruptedException e) {
            stopSession(process);
            Thread.currentThread().interrupt();
            throw new BuildCancelledException("interrupted while running: " + command.shown());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        List<Member> leftOver = stopSession(process);
        if (!leftOver.isEmpty()) {
            note(command, "stopped " + leftOver.size() + (leftOver.size() == 1 ? " process" : " processes")
                    + " the step left running: " + String.join(", ", leftOver.stream().map(Member::name).distinct().toList()));
        }
        return new Outcome(process.exitValue(), false, took);
    }

    private static void note(Command command, String text) throws IOException {
        Files.writeString(command.logFile(), "\n[" + text + "]\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** A live process of a step's session; {@code name} is its executable's name as the kernel has it. */
    private record Member(long pid, String name) {
    }

    /**
     * Stops the process and every process of its session: SIGTERM, then SIGKILL for whatever is still there
     * after {@link #GRACE}.
     *
     * @return the processes of the session other than the step's own, as found first
     */
    private static List<Member> stopSession(Process process) {
        long session = process.pid(); // setsid made the step's process the leader of a new session
        List<Member> found = members(session);
        process.destroy();
        found.forEach(m -> ProcessHandle.of(m.pid()).ifPresent(ProcessHandle::destroy));
        long graceEnd = System.nanoTime() + GRACE.toNanos();
        try {
            while ((process.isAlive() || !members(session).isEmpty()) && System.nanoTime() - graceEnd < 0) {
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // no more grace: killed below
        }
        process.destroyForcibly();
        members(session).forEach(m -> ProcessHandle.of(m.pid()).ifPresent(ProcessHandle::destroyForcibly));
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return found.stream().filter(m -> m.pid() != session).toList();
    }

    /** The processes of a session that have not ended (zombies left out), read from {@code /proc/<pid>/stat}. */
    private static List<Member> members(long session) {
        List<Member> members = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path entry : entries) {
                String stat;
                try {
                    stat = Files.readString(entry.resolve("stat"), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    continue; // ended while we looked, or not ours to read
                }
                // pid (comm) state ppid pgrp session ...; comm may itself hold spaces and parentheses
                int close = stat.lastIndexOf(')');
                String[] fields = stat.substring(close + 2).split(" ");
                if (!fields[0].equals("Z") && Long.parseLong(fields[3]) == session) {
                    members.add(new Member(Long.parseLong(entry.getFileName().toString()),
                            stat.substring(stat.indexOf('(') + 1, close)));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the processes in " + PROC + ": " + e.getMessage(), e);
        }
        return members;
    }
}
