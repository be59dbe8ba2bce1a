package dev.slipway.notify.config;

import dev.slipway.notify.domain.Channel;
import dev.slipway.notify.domain.ChannelType;
import dev.slipway.notify.domain.NotificationKind;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * FR-007: channels as written in application.properties, read through the service's own {@code @ConfigMapping};
 * a wrong kind stops the service at startup naming the property and the value.
 */
class NotifyChannelsTest {

    @Test
    void channelsAndTheirRulesFromProperties() {
        NotifyChannels channels = new NotifyChannels(config(Map.of(
                "slipway.notify.slack-webhook-urls", "http://127.0.0.1:9/services/T0/B0/legacy-token",
                "slipway.notify.channels.oncall.type", "email",
                "slipway.notify.channels.oncall.to", "oncall@example.com,lead@example.com",
                "slipway.notify.channels.oncall.environments", "production",
                "slipway.notify.channels.oncall.events", "deploy-failed, rolled-back",
                "slipway.notify.channels.audit.type", "webhook",
                "slipway.notify.channels.audit.url", "https://audit.example.com/slipway",
                "slipway.notify.channels.audit.secret", "0123456789abcdef-audit")));

        assertThat(channels.all()).extracting(Channel::type)
                .containsExactly(ChannelType.SLACK, ChannelType.WEBHOOK, ChannelType.EMAIL);
        assertThat(channels.routing("production", NotificationKind.DEPLOY_FAILED)).hasSize(3);
        assertThat(channels.routing("staging", NotificationKind.DEPLOY_FAILED)).extracting(Channel::id)
                .doesNotContain("channel:oncall").contains("channel:audit");
        assertThat(channels.routing("production", NotificationKind.DEPLOY_STARTED)).extracting(Channel::id)
                .doesNotContain("channel:oncall");
        assertThat(channels.byId("channel:oncall")).isPresent();
        assertThat(channels.all().toString()).doesNotContain("legacy-token").doesNotContain("0123456789abcdef-audit");
    }

    @Test
    void unknownKindStopsStartupNamingThePropertyAndTheValue() {
        Map<String, String> properties = Map.of(
                "slipway.notify.channels.oncall.type", "email",
                "slipway.notify.channels.oncall.to", "oncall@example.com",
                "slipway.notify.channels.oncall.events", "deploy-failed,deploy-exploded");

        assertThatThrownBy(() -> new NotifyChannels(config(properties)))
                .hasMessageStartingWith("slipway.notify.channels.oncall.events: unknown kind 'deploy-exploded'; the"
                        + " kinds are build-failed, deploy-started,");
    }

    @Test
    void noChannelsAtAll() {
        assertThat(new NotifyChannels(config(Map.of())).all()).isEmpty();
    }

    private static NotifyConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(NotifyConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter()) // "1s", as Quarkus reads durations
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
        return config.getConfigMapping(NotifyConfig.class);
    }
}
