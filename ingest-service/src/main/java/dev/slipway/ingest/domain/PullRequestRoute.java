package dev.slipway.ingest.domain;

import dev.slipway.spec.PipelineSpec;
import dev.slipway.spec.PipelineSpecParser;
import dev.slipway.spec.SpecException;

import java.util.Optional;

/**
 * Where an opened or updated pull request is built and previewed: always its own preview environment
 * ({@link PullRequest#previewEnvironment()}), whatever branch it targets (branch protection decides what the result
 * gates), for the app of the slipway.yml at {@link PullRequest#specCommit()}.
 */
public sealed interface PullRequestRoute {

    /**
     * @param specProblem why slipway.yml is invalid, or null; an invalid file still starts a run so the build
     *                    reports the problem with its line
     */
    record Deploy(String app, String environment, String specProblem) implements PullRequestRoute {
    }

    record Ignore(String reason) implements PullRequestRoute {
    }

    /** @param specYaml the slipway.yml at {@link PullRequest#specCommit()}, empty when that commit has none */
    static PullRequestRoute of(Optional<String> specYaml, PullRequest pullRequest) {
        if (specYaml.isEmpty()) {
            return new Ignore("no " + PipelineSpec.FILE_NAME + " at " + (pullRequest.fromFork() ? "base commit " : "commit ")
                    + pullRequest.specCommit() + " of pull request #" + pullRequest.number());
        }
        String environment = pullRequest.previewEnvironment();
        PipelineSpec spec;
        try {
            spec = PipelineSpecParser.parse(specYaml.get());
        } catch (SpecException e) {
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
}
