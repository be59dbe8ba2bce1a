package dev.slipway.build;

import dev.slipway.standins.github.GitHubStandIn;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Starts the GitHub stand-in before the service and points the service's commit statuses at it (FR-002). Every
 * test of the default profile has it: builds there set their statuses on it, checked against GitHub's published
 * description.
 */
public class GitHubResource implements QuarkusTestResourceLifecycleManager {
    /** Not a real token: the stand-in accepts only this one. */
    static final String TOKEN = "ghp_slipwayBuildServiceTest0000000000";

    private GitHubStandIn github;

    @Override
    public Map<String, String> start() {
        github = GitHubStandIn.start(TOKEN);
        return Map.of("slipway.build.github.api-url", github.baseUrl().toString(),
                "slipway.build.github.token", TOKEN);
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(github, new TestInjector.AnnotatedAndMatchesType(InjectGitHub.class, GitHubStandIn.class));
    }

    @Override
    public void stop() {
        if (github != null) {
            github.close();
        }
    }
}
