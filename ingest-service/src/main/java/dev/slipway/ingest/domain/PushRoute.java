package dev.slipway.ingest.domain;

import dev.slipway.spec.EnvironmentSpec;
import dev.slipway.spec.PipelineSpec;
import dev.slipway.spec.PipelineSpecParser;
import dev.slipway.spec.SpecException;

import java.util.Optional;

/** Where a push to a branch goes, decided by the {@code slipway.yml} of the pushed commit. */
public sealed interface PushRoute {

    /**
     * Deploy to {@code environment} of {@code app}.
     *
     * @param preview     true when {@code environment} is the branch's own preview environment
     * @param specProblem why slipway.yml is invalid, or null; an invalid file still starts a run so the build
     *                    reports the problem with its line
     */
    record Deploy(String app, String environment, boolean preview, String specProblem) implements PushRoute {
    }

    record Ignore(String reason) implements PushRoute {
    }

    /**
     * @param specYaml the commit's slipway.yml, empty when it has none
     * @param repository the repository's full name {@code owner/repo}
     */
    static PushRoute of(Optional<String> specYaml, String repository, String branch, String commitSha) {
        if (specYaml.isEmpty()) {
            return new Ignore("no " + PipelineSpec.FILE_NAME + " at commit " + commitSha);
        }
        PipelineSpec spec;
        try {
            spec = PipelineSpecParser.parse(specYaml.get());
        } catch (SpecException e) {
            String repoName = repository.substring(repository.indexOf('/') + 1);
            return new Deploy(Names.sanitize(repoName, "app"), Names.sanitize(branch, "branch"), false, e.getMessage());
        }
        Optional<EnvironmentSpec> declared = spec.environmentForBranch(branch);
        if (declared.isPresent()) {
            return new Deploy(spec.app(), declared.get().name(), false, null);
        }
        if (!spec.previews().enabled()) {
            return new Ignore("branch '" + branch + "' maps to no environment in " + PipelineSpec.FILE_NAME
                    + " and previews are off (previews: false)");
        }
        return new Deploy(spec.app(), PipelineSpec.previewEnvironmentName(branch), true, null);
    }
}
