package dev.slipway.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real git repository in a folder, made and committed to with the git CLI. */
final class GitRepo {
    private final Path dir;
    private final String cloneUrl;

    private GitRepo(Path dir, String cloneUrl) {
        this.dir = dir;
        this.cloneUrl = cloneUrl;
    }

    static GitRepo init(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        GitRepo repo = new GitRepo(dir, dir.toUri().toString());
        repo.git("init", "--quiet", "--initial-branch=main");
        return repo;
    }

    GitRepo write(String path, String content) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return this;
    }

    /** Commits everything and returns the commit's sha. */
    String commit(String message) throws IOException, InterruptedException {
        git("add", "--all");
        git("-c", "user.name=Slipway Test", "-c", "user.email=test@slipway.invalid", "-c", "commit.gpgsign=false",
                "commit", "--quiet", "-m", message);
        return git("rev-parse", "HEAD").strip();
    }

    /** A repository that is only an address, e.g. one that cannot be reached. */
    static GitRepo cloneUrl(String url) {
        return new GitRepo(null, url);
    }

    String cloneUrl() {
        return cloneUrl;
    }

    private String git(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }
}
