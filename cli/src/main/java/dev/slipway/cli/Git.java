package dev.slipway.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** The real git CLI, with an identity of its own so it works on a machine without git config. */
public final class Git {
    private static final Set<String> BUILD_OUTPUT = Set.of("dist", "coverage", "node_modules");

    private Git() {
    }

    public static String run(Path dir, String... args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("GIT_AUTHOR_NAME", "Slipway Demo");
        builder.environment().put("GIT_AUTHOR_EMAIL", "demo@slipway.invalid");
        builder.environment().put("GIT_COMMITTER_NAME", "Slipway Demo");
        builder.environment().put("GIT_COMMITTER_EMAIL", "demo@slipway.invalid");
        builder.environment().put("GIT_TERMINAL_PROMPT", "0");
        Path output = null;
        try {
            // output to a file, so waiting with a timeout cannot block on a full pipe
            output = Files.createTempFile("slipway-git-", ".out");
            Process process = builder.redirectOutput(output.toFile()).start();
            boolean finished = process.waitFor(60, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly();
                throw new CliException("git " + String.join(" ", args) + " did not finish in 60 s in " + dir);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8).trim();
            if (process.exitValue() != 0) {
                throw new CliException("git " + String.join(" ", args) + " failed in " + dir + ": " + text);
            }
            return text;
        } catch (IOException e) {
            throw new CliException("git is needed and could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }

    /** Copies a source tree, leaving out build output (dist, coverage, node_modules). */
    public static void copyTree(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path relative = from.relativize(source);
                if (StreamSupport.stream(relative.spliterator(), false).anyMatch(p -> BUILD_OUTPUT.contains(p.toString()))) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        } catch (IOException e) {
            throw new CliException("cannot copy " + from + ": " + e.getMessage());
        }
    }
}
