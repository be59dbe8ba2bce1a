package dev.slipway.deploy.domain;

import dev.slipway.events.BuiltComponent;
import dev.slipway.events.ComponentCheck;
import dev.slipway.events.HealthCheckSpec;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReleaseTest {
    static final String DIGEST = "sha256:" + "ab".repeat(32);
    static final String COMMIT = "9049f1265b7d61be4a8904a9a27120d2064dab3b";

    @Test
    void checksCoverEveryComponentWithAHealthCheckWhereItIsServed() {
        Release release = release(List.of(
                component("web", "static", new HealthCheckSpec("/", 200)),
                service("api", "/api", new HealthCheckSpec("/health", 200)),
                service("search", "/search/v2", new HealthCheckSpec("status/ok.json", 204)),
                service("jobs", "/jobs", null)));

        assertThat(release.checks(URI.create("http://127.0.0.1:8088/shop/production/"))).containsExactly(
                new ComponentCheck("web", "http://127.0.0.1:8088/shop/production/", 200),
                new ComponentCheck("api", "http://127.0.0.1:8088/shop/production/api/health", 200),
                new ComponentCheck("search", "http://127.0.0.1:8088/shop/production/search/v2/status/ok.json", 204));
    }

    /** FR-005: a release's processes get its configuration and the SLIPWAY_* variables of its build. */
    @Test
    void processesRunWithTheConfigurationAndSecretsWinOverVariables() {
        Release release = release(List.of(service("api", "/api", null)))
                .withConfig(new RuntimeConfig(Map.of("GREETING", "hello", "TOKEN", "from-yaml"),
                        Map.of("TOKEN", "s3cret")));

        assertThat(release.processEnvironment()).containsEntry("GREETING", "hello").containsEntry("TOKEN", "s3cret")
                .containsEntry("SLIPWAY_APP", "shop").containsEntry("SLIPWAY_ENVIRONMENT", "production")
                .containsEntry("SLIPWAY_VERSION", "3").containsEntry("SLIPWAY_COMMIT_SHA", COMMIT)
                .containsEntry("SLIPWAY_BRANCH", "main").containsEntry("SLIPWAY_BUILD_NUMBER", "12");
        assertThat(release.toString()).contains("TOKEN").doesNotContain("s3cret");
    }

    @Test
    void builtComponentsThatCannotBeDeployedAreRefusedWithTheReason() {
        assertThatThrownBy(() -> ReleaseComponent.of(built("web", "docker", DIGEST, null, null)))
                .hasMessage("component 'web': component kind must be 'static' or 'service', got 'docker'");
        assertThatThrownBy(() -> ReleaseComponent.of(built("web", "static", "md5:abc", null, null)))
                .hasMessageContaining("component 'web': artifact digest must look like sha256:<hex>");
        assertThatThrownBy(() -> ReleaseComponent.of(built("../web", "static", DIGEST, null, null)))
                .hasMessageContaining("component name must be lowercase letters");
        assertThatThrownBy(() -> ReleaseComponent.of(built("api", "service", DIGEST, null, "/api")))
                .hasMessage("component 'api': a service needs the command that starts it (run)");
        assertThatThrownBy(() -> ReleaseComponent.of(built("api", "service", DIGEST, "node server.js", "/")))
                .hasMessageContaining("a service needs a route such as /api");
    }

    @Test
    void aReleaseIsOneSiteAndServicesOnDistinctRoutes() {
        assertThatThrownBy(() -> release(List.of(component("web", "static", null), service("web", "/web", null))))
                .hasMessage("component 'web' appears twice");
        assertThatThrownBy(() -> release(List.of(service("a", "/api", null), service("b", "/api", null))))
                .hasMessage("route /api is taken by two services");
        assertThatThrownBy(() -> release(List.of(component("web", "static", null), component("docs", "static", null))))
                .hasMessageContaining("only one static component");
    }

    @Test
    void namesThatWouldLeaveTheirFolderAreRefused() {
        assertThatThrownBy(() -> new Release("..", "production", 1, COMMIT, "main", 1, List.of(), null))
                .hasMessageContaining("app must be");
        assertThatThrownBy(() -> new Release("shop", "a/b", 1, COMMIT, "main", 1, List.of(), null))
                .hasMessageContaining("environment must be");
    }

    @Test
    void digestsAreParsedStrictlyAndComputedOverTheBytes() {
        assertThat(Digest.parse(DIGEST).toString()).isEqualTo(DIGEST);
        assertThat(Digest.of("abc".getBytes()).toString())
                .isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThatThrownBy(() -> Digest.parse("sha256:XYZ")).hasMessageContaining("64 lowercase hex digits");
    }

    private static Release release(List<ReleaseComponent> components) {
        return new Release("shop", "production", 3, COMMIT, "main", 12, components, RuntimeConfig.EMPTY);
    }

    private static ReleaseComponent component(String name, String kind, HealthCheckSpec health) {
        return ReleaseComponent.of(new BuiltComponent(name, kind, DIGEST, 10, null, health, null, null, null));
    }

    private static ReleaseComponent service(String name, String route, HealthCheckSpec health) {
        return ReleaseComponent.of(new BuiltComponent(name, "service", DIGEST, 10, null, health, "node server.js",
                route, null));
    }

    private static BuiltComponent built(String name, String kind, String digest, String run, String route) {
        return new BuiltComponent(name, kind, digest, 10, null, null, run, route, null);
    }
}
