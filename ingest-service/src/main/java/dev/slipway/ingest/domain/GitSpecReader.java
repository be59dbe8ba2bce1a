package dev.slipway.ingest.domain;

import dev.slipway.spec.PipelineSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Reads {@code slipway.yml} at a pushed commit with the git CLI, through one bare cache repository per
 * registered repository, so a push costs an incremental fetch rather than a clone.
 */
public final class GitSpecReader {
    private static final int MAX_ERROR_CHARS = 500;

    private final Path cacheDir;
    private final Duration timeout;
    // git takes locks inside a repository; one command sequence per cache at a time
    private final Map<Path, Object> locks = new ConcurrentHashMap<>();

    public GitSpecReader(Path cacheDir, Duration timeout) {
        this.cacheDir = cacheDir;
        this.timeout = timeout;
    }

    /** slipway.yml as read at {@code commitSha}; {@code text} is empty when that commit has none. */
    public record SpecFile(String commitSha, Optional<String> text) {
    }

    /**
     * Fetches {@code branch} from {@code cloneUrl} and reads slipway.yml at {@code commitSha}.
     *
     * @return the file's text, or empty when that commit has no slipway.yml
     * @throws GitException when the fetch fails or the commit is not on the branch
     */
    public Optional<String> read(String repository, String cloneUrl, String branch, String commitSha) throws GitException {
        Path cache = cacheOf(repository);
        synchronized (locks.computeIfAbsent(cache, c -> new Object())) {
            fetch(cache, cloneUrl, branch);
            if (!git(cache, "cat-file", "-e", commitSha + "^{commit}").ok()) {
                throw new GitException("commit " + commitSha + " is not on branch '" + branch + "' of " + cloneUrl
                        + " (was the branch force-pushed since?)");
            }
            return specAt(cache, commitSha);
        }
    }

    /**
     * Fetches {@code branch} from {@code cloneUrl} and reads slipway.yml at its tip, whatever commit a payload names.
     *
     * @throws GitException when the fetch fails
     */
    public SpecFile readTip(String repository, String cloneUrl, String branch) throws GitException {
        Path cache = cacheOf(repository);
        synchronized (locks.computeIfAbsent(cache, c -> new Object())) {
            fetch(cache, cloneUrl, branch);
            String tip = git(cache, "rev-parse", "--verify", "refs/heads/" + branch + "^{commit}")
                    .orThrow("reading the tip of branch '" + branch + "'").stdout().strip();
            return new SpecFile(tip, specAt(cache, tip));
        }
    }

    private void fetch(Path cache, String cloneUrl, String branch) throws GitException {
        if (!Files.isRegularFile(cache.resolve("HEAD"))) {
            createDirectories(cache);
            git(null, "init", "--bare", "--quiet", cache.toString()).orThrow("git init of the cache " + cache);
        }
        // A bare SHA may not be fetchable (file:// remotes refuse it), so fetch the branch it was pushed to.
        git(cache, "fetch", "--quiet", "--no-tags", "--end-of-options", cloneUrl,
                "+refs/heads/" + branch + ":refs/heads/" + branch)
                .orThrow("git fetch of branch '" + branch + "' from " + cloneUrl);
    }

    private Optional<String> specAt(Path cache, String commitSha) throws GitException {
        String object = commitSha + ":" + PipelineSpec.FILE_NAME;
        Result type = git(cache, "cat-file", "-t", object);
        if (!type.ok() || !type.stdout().strip().equals("blob")) {
            return Optional.empty();
        }
        return Optional.of(git(cache, "cat-file", "blob", object).orThrow("reading " + object).stdout());
    }

    /** Drops the cache of a repository that is no longer registered. */
    public void forget(String repository) {
        Path cache = cacheOf(repository);
        synchronized (locks.computeIfAbsent(cache, c -> new Object())) {
            deleteTree(cache);
        }
    }

    /** GitHub names are case-insensitive; so are the cache directories. Names are validated as owner/repo. */
    private Path cacheOf(String repository) {
        String[] parts = repository.toLowerCase(Locale.ROOT).split("/", 2);
        return cacheDir.resolve(parts[0]).resolve(parts[1] + ".git");
    }

    private record Result(int exitCode, String stdout, String stderr) {
        boolean ok() {
            return exitCode == 0;
        }

        Result orThrow(String what) throws GitException {
            if (!ok()) {
                String detail = String.join("; ", stderr.lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
                if (detail.length() > MAX_ERROR_CHARS) {
                    detail = detail.substring(detail.length() - MAX_ERROR_CHARS);
                }
                throw new GitException(what + " failed (exit " + exitCode + "): " + detail);
            }
            return this;
        }
    }

    private Result git(Path dir, String... args) throws GitException {
        List<String> command = new ArrayList<>();
        command.add("git");
        if (dir != null) {
            command.add("-C");
            command.add(dir.toString());
        }
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        // never wait for a password prompt nobody will answer
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.putIfAbsent("GIT_SSH_COMMAND", "ssh -o BatchMode=yes");
        env.put("LC_ALL", "C");
        Path out = null;
        Path err = null;
        try {
            // files rather than pipes: a chatty git can never block on a full pipe while we wait for it
            out = Files.createTempFile("slipway-git-", ".out");
            err = Files.createTempFile("slipway-git-", ".err");
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                if (dir != null) {
                    // a killed git leaves its *.lock files behind, which would fail every later fetch
                    deleteTree(dir);
                }
                throw new GitException("git " + args[0] + " did not finish in " + timeout.toSeconds() + " s");
            }
            return new Result(process.exitValue(), new String(Files.readAllBytes(out), StandardCharsets.UTF_8),
                    new String(Files.readAllBytes(err), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new GitException("cannot run git " + args[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitException("interrupted while running git " + args[0], e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void createDirectories(Path dir) throws GitException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new GitException("cannot create the git cache " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot delete the git cache " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a stray temp file is harmless; the command's own result matters more
            }
        }
    }
}
