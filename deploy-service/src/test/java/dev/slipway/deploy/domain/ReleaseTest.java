package dev.slipway.deploy.domain;

import dev.slipway.events.BuiltComponent;
import dev.slipway.events.ComponentCheck;
import dev.slipway.events.HealthCheckSpec;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReleaseTest {
    static final String DIGEST = "sha256:" + "ab".repeat(32);

    @Test
    void checksAreTheStaticComponentsWithAHealthCheckBelowTheUrl() {
        Release release = new Release("shop", "production", 3, List.of(
                component("web", "static", new HealthCheckSpec("/", 200)),
                component("docs", "static", new HealthCheckSpec("/status/ok.json", 204)),
                component("blog", "static", null),
                component("api", "service", new HealthCheckSpec("/health", 200))));

        assertThat(release.checks(URI.create("http://127.0.0.1:8083/sites/shop/production/"))).containsExactly(
                new ComponentCheck("web", "http://127.0.0.1:8083/sites/shop/production/", 200),
                new ComponentCheck("docs", "http://127.0.0.1:8083/sites/shop/production/status/ok.json", 204));
    }

    @Test
    void builtComponentsThatCannotBeDeployedAreRefusedWithTheReason() {
        assertThatThrownBy(() -> ReleaseComponent.of(new BuiltComponent("web", "docker", DIGEST, 1, null, null)))
                .hasMessage("component 'web': component kind must be 'static' or 'service', got 'docker'");
        assertThatThrownBy(() -> ReleaseComponent.of(new BuiltComponent("web", "static", "md5:abc", 1, null, null)))
                .hasMessageContaining("component 'web': artifact digest must look like sha256:<hex>");
        assertThatThrownBy(() -> ReleaseComponent.of(new BuiltComponent("../web", "static", DIGEST, 1, null, null)))
                .hasMessageContaining("component name must be lowercase letters");
    }

    @Test
    void namesThatWouldLeaveTheirFolderAreRefused() {
        assertThatThrownBy(() -> new Release("..", "production", 1, List.of())).hasMessageContaining("app must be");
        assertThatThrownBy(() -> new Release("shop", "a/b", 1, List.of())).hasMessageContaining("environment must be");
        assertThatThrownBy(() -> new Release("shop", "production", 1,
                List.of(component("web", "static", null), component("web", "service", null))))
                .hasMessage("component 'web' appears twice");
    }

    @Test
    void digestsAreParsedStrictlyAndComputedOverTheBytes() {
        assertThat(Digest.parse(DIGEST).toString()).isEqualTo(DIGEST);
        assertThat(Digest.of("abc".getBytes()).toString())
                .isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThatThrownBy(() -> Digest.parse("sha256:XYZ")).hasMessageContaining("64 lowercase hex digits");
    }

    private static ReleaseComponent component(String name, String kind, HealthCheckSpec health) {
        return ReleaseComponent.of(new BuiltComponent(name, kind, DIGEST, 10, null, health));
    }
}
