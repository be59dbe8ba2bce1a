package dev.slipway.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real git repository in a temporary directory, driven through the git CLI, to push from in tests. */
public final class GitRepo {
    public static final String SPEC_TEMPLATE = """
            app: %s
            components:
              web:
                kind: static
                path: web
            environments:
              production:
                branch: main
              staging:
                branch: staging
            """;

    private final Path dir;

    private GitRepo(Path dir) {
        this.dir = dir;
    }

    /** An empty repository whose first commit will be on main. */
    public static GitRepo init(Path dir) {
        GitRepo repo = new GitRepo(dir);
        repo.git("init", "--quiet", "--initial-branch=main");
        return repo;
    }

    /** A repository (or bare repository) that already exists at {@code dir}. */
    public static GitRepo at(Path dir) {
        return new GitRepo(dir);
    }

    /** A repository whose main branch has one commit: a slipway.yml mapping main and staging. */
    public static GitRepo withSpec(Path dir, String app) {
        GitRepo repo = init(dir);
        repo.commit("main", "slipway.yml", SPEC_TEMPLATE.formatted(app), "Add slipway.yml");
        return repo;
    }

    public String cloneUrl() {
        return dir.toUri().toString();
    }

    /** Commits {@code content} as {@code file} on {@code branch} (created from the current HEAD if new). */
    public String commit(String branch, String file, String content, String message) {
        if (git("branch", "--list", branch).isBlank()) {
            git("checkout", "--quiet", "-b", branch);
        } else {
            git("checkout", "--quiet", branch);
        }
        try {
            Path target = dir.resolve(file);
            Files.createDirectories(target.getParent());
            Files.writeString(target, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        git("add", file);
        git("-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "--quiet", "-m", message);
        return head();
    }

    public String removeAndCommit(String branch, String file, String message) {
        git("checkout", "--quiet", branch);
        git("rm", "--quiet", file);
        git("-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "--quiet", "-m", message);
        return head();
    }

    public String head() {
        return git("rev-parse", "HEAD").strip();
    }

    public String git(String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        try {
            Files.createDirectories(dir);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " timed out");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
