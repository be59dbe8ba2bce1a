package dev.slipway.deploy.domain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one shell command (a component's {@code migrate:}) in its own session; on a timeout the command and
 * everything it started are killed.
 */
public final class ShellCommand {
    private static final int OUTPUT_TAIL = 4000;
    private static final List<String> INHERITED = List.of("PATH", "HOME", "LANG", "TMPDIR");

    private ShellCommand() {
    }

    /** @param output the last characters the command wrote (stdout and stderr together) */
    public record Result(int exitCode, boolean timedOut, String output) {
        public boolean succeeded() {
            return !timedOut && exitCode == 0;
        }
    }

    public static Result run(String command, Path dir, Map<String, String> env, Duration timeout) {
        Path output = null;
        try {
            output = Files.createTempFile("slipway-command-", ".log");
            ProcessBuilder builder = new ProcessBuilder("setsid", "--wait", "sh", "-c", command).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            Map<String, String> environment = builder.environment();
            environment.keySet().retainAll(INHERITED);
            environment.putAll(env);
            Process process = builder.start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                killTree(process);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            String tail = text.length() <= OUTPUT_TAIL ? text : text.substring(text.length() - OUTPUT_TAIL);
            return new Result(finished ? process.exitValue() : -1, !finished, tail);
        } catch (IOException e) {
            throw new DeployException("cannot run '" + command + "' in " + dir + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployException("interrupted while running '" + command + "'", e);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    // a leftover temporary log is harmless
                }
            }
        }
    }

    /** The command and everything it started, killed at once; signals go to these processes only. */
    private static void killTree(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
}
