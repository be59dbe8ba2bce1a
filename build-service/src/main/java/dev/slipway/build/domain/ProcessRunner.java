package dev.slipway.build.domain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Runs one process with exactly the environment it is given, its output (stdout and stderr, interleaved)
 * appended to a log file, and a time limit after which the process and everything it started is killed.
 * Output goes to a file rather than a pipe so a stray background process holding it open cannot stall us.
 */
public final class ProcessRunner {
    private static final long POLL_MILLIS = 100;

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
     * @param cancelled polled while the process runs; when true the process tree is killed and
     *                  {@link BuildCancelledException} thrown
     */
    public Outcome run(Command command, BooleanSupplier cancelled) throws IOException {
        Files.createDirectories(command.logFile().getParent());
        Files.writeString(command.logFile(), "$ " + command.shown() + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command.arguments())
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
                    killTree(process);
                    throw new BuildCancelledException("stopped while running: " + command.shown());
                }
                if (System.nanoTime() - deadline > 0) {
                    killTree(process);
                    Files.writeString(command.logFile(), "\n[stopped after " + Durations.format(command.timeout())
                                    + ": the timeout of this step]\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                    return new Outcome(null, true, Duration.ofNanos(System.nanoTime() - start));
                }
            }
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new BuildCancelledException("interrupted while running: " + command.shown());
        }
        return new Outcome(process.exitValue(), false, Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Kills the process and all its descendants. The tree is taken before the root dies, because orphans are
     * re-parented and could no longer be found from it.
     */
    static void killTree(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
