package dev.slipway.ingest.config;

import dev.slipway.ingest.domain.ForkPullRequests;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code slipway.ingest.fork-pull-requests}, read the way the service reads its configuration, without starting it. */
class IngestConfigTest {

    private static IngestConfig load(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(Map.of(
                "slipway.ingest.git-cache-dir", "target/git-cache",
                "slipway.ingest.git-timeout", "PT30S"));
        all.putAll(values);
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(IngestConfig.class)
                .withSources(new PropertiesConfigSource(all, "test", 100))
                .build();
        return config.getConfigMapping(IngestConfig.class);
    }

    @Test
    @DisplayName("FR-009: forks are ignored unless the operator says build")
    void forksAreIgnoredByDefault() {
        assertThat(load(Map.of()).forkPullRequests()).isEqualTo(ForkPullRequests.IGNORE);
        assertThat(load(Map.of("slipway.ingest.fork-pull-requests", "build")).forkPullRequests())
                .isEqualTo(ForkPullRequests.BUILD);
        assertThat(load(Map.of("slipway.ingest.fork-pull-requests", "ignore")).forkPullRequests())
                .isEqualTo(ForkPullRequests.IGNORE);
    }

    @Test
    void anyOtherValueStopsTheStartNamingTheProperty() {
        assertThatThrownBy(() -> load(Map.of("slipway.ingest.fork-pull-requests", "yes")))
                .hasMessageContaining("slipway.ingest.fork-pull-requests")
                .hasMessageContaining("\"yes\"")
                .hasMessageContaining("allowed values: build,ignore");
    }
}
