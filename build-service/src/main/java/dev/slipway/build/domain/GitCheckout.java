package dev.slipway.build.domain;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/** The clone stage: the repository at exactly the pushed commit, with the real {@code git}. */
public final class GitCheckout {
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

    /** @param timeout for clone and checkout together */
    public record Input(String cloneUrl, String commitSha, Path target, Duration timeout, Path logFile) {
    }

    private final ProcessRunner runner;
    private final String git;
    private final Map<String, String> environment;

    public GitCheckout(ProcessRunner runner, String git, Map<String, String> hostEnvironment) {
        this.runner = runner;
        this.git = git;
        Map<String, String> env = new HashMap<>(hostEnvironment);
        env.put("GIT_TERMINAL_PROMPT", "0"); // a repository that wants a password fails instead of waiting forever
        this.environment = Map.copyOf(env);
    }

    public StageResult<Path> run(Input input, BooleanSupplier cancelled) throws IOException {
        if (input.commitSha() == null || !COMMIT.matcher(input.commitSha()).matches()) {
            return StageResult.failed("commit '" + input.commitSha() + "' is not a git commit id (40 or 64 lower-case hex digits)", "");
        }
        if (input.cloneUrl() == null || input.cloneUrl().isBlank() || input.cloneUrl().startsWith("-")) {
            return StageResult.failed("clone URL '" + input.cloneUrl() + "' is not a repository address", "");
        }
        String shownUrl = CloneUrls.redact(input.cloneUrl());
        long deadline = System.nanoTime() + input.timeout().toNanos();
        ProcessRunner.Outcome clone = runner.run(new ProcessRunner.Command(
                List.of(git, "-c", "protocol.ext.allow=never", "clone", "--no-checkout", "--", input.cloneUrl(), input.target().toString()),
                git + " clone --no-checkout -- " + shownUrl + " " + input.target().getFileName(),
                input.target().getParent(), environment, input.timeout(), input.logFile()), cancelled);
        if (clone.timedOut() || clone.exitCode() != 0) {
            return failure(clone, "git clone of " + shownUrl, input);
        }
        Duration left = Duration.ofNanos(Math.max(deadline - System.nanoTime(), Duration.ofSeconds(1).toNanos()));
        ProcessRunner.Outcome checkout = runner.run(new ProcessRunner.Command(
                List.of(git, "checkout", "--detach", input.commitSha()),
                git + " checkout --detach " + input.commitSha(),
                input.target(), environment, left, input.logFile()), cancelled);
        if (checkout.timedOut() || checkout.exitCode() != 0) {
            return failure(checkout, "git checkout of commit " + input.commitSha() + " from " + shownUrl, input);
        }
        return new StageResult.Succeeded<>(input.target(), 0, log(input));
    }

    private StageResult<Path> failure(ProcessRunner.Outcome outcome, String what, Input input) throws IOException {
        String reason = outcome.timedOut()
                ? what + " did not finish within " + Durations.format(input.timeout())
                : what + " failed with exit code " + outcome.exitCode();
        return new StageResult.Failed<>(reason, outcome.exitCode(), log(input));
    }

    private static String log(Input input) throws IOException {
        return CloneUrls.mask(StepLog.read(input.logFile()), input.cloneUrl());
    }
}
