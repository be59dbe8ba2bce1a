package dev.slipway.ingest.domain;

import dev.slipway.spec.PipelineSpec;
import dev.slipway.spec.PipelineSpecParser;
import dev.slipway.spec.SpecException;

import java.util.Optional;

/**
 * Where an opened or updated pull request is built and previewed: always its own preview environment
 * ({@link PullRequest#previewEnvironment()}), whatever branch it targets (branch protection decides what the result
 * gates), for the app of the slipway.yml that {@link PullRequestSource} says to read.
 */
public sealed interface PullRequestRoute {

    /**
     * @param specProblem why slipway.yml is invalid, or null; an invalid file still starts a run of the repository's
     *                    own branch so the build reports the problem with its line
     */
    record Deploy(String app, String environment, String specProblem) implements PullRequestRoute {
    }

    record Ignore(String reason) implements PullRequestRoute {
    }

    /**
     * @param specYaml   the slipway.yml read where {@link PullRequestSource.Build} says, empty when there is none
     * @param specCommit the commit it was read at
     */
    static PullRequestRoute of(Optional<String> specYaml, String specCommit, PullRequest pullRequest) {
        if (specYaml.isEmpty()) {
            return new Ignore(pullRequest.fromFork()
                    ? "no " + PipelineSpec.FILE_NAME + " at " + forkSpecAt(specCommit, pullRequest)
                            + ", so pull request #" + pullRequest.number() + " from a fork is not built"
                    : "no " + PipelineSpec.FILE_NAME + " at commit " + specCommit + " of pull request #"
                            + pullRequest.number());
        }
        String environment = pullRequest.previewEnvironment();
        PipelineSpec spec;
        try {
            spec = PipelineSpecParser.parse(specYaml.get());
        } catch (SpecException e) {
            if (pullRequest.fromFork()) {
                // the run would only report the team's broken file, at the price of running a stranger's code
                return new Ignore(e.getMessage() + " (at " + forkSpecAt(specCommit, pullRequest)
                        + "), so pull request #" + pullRequest.number() + " from a fork is not built");
            }
            String repository = pullRequest.repository();
            return new Deploy(Names.sanitize(repository.substring(repository.indexOf('/') + 1), "app"), environment,
                    e.getMessage());
        }
        if (!spec.previews().enabled()) {
            return new Ignore("previews are off in " + PipelineSpec.FILE_NAME + ", so pull request #"
                    + pullRequest.number() + " is not built");
        }
        return new Deploy(spec.app(), environment, null);
    }

    /** A fork's slipway.yml is the default branch's, never its own: the fork owner writes that one. */
    private static String forkSpecAt(String specCommit, PullRequest pullRequest) {
        return "commit " + specCommit + ", the tip of " + pullRequest.repository() + "'s default branch '"
                + pullRequest.defaultBranch() + "'";
    }
}
