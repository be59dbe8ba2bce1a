package dev.slipway.notify.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** FR-009: a webhook URL is a secret; only its scheme and host are ever shown. */
class WebhookChannelTest {
    static final String SECRET = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";

    @Test
    void maskedShowsSchemeAndHostOnly() {
        WebhookChannel channel = new WebhookChannel(SECRET);

        assertThat(channel.masked()).isEqualTo("https://hooks.slack.com/…");
        assertThat(channel.toString()).doesNotContain("XXXX");
        assertThat(new WebhookChannel("http://127.0.0.1:4567/hook/abc").masked()).isEqualTo("http://127.0.0.1:4567/…");
    }

    @Test
    void idIsStableAndRevealsNothing() {
        assertThat(new WebhookChannel(SECRET).id()).isEqualTo(new WebhookChannel(" " + SECRET + " ").id())
                .hasSize(64).doesNotContain("hooks");
    }

    @Test
    void scrubReplacesTheUrlInText() {
        WebhookChannel channel = new WebhookChannel(SECRET);

        assertThat(channel.scrub("failed to reach " + SECRET)).isEqualTo("failed to reach https://hooks.slack.com/…");
    }

    @Test
    void badUrlIsRejectedWithoutEchoingIt() {
        assertThatThrownBy(() -> new WebhookChannel("hooks.slack.com/services/T0/B0/secret-token"))
                .hasMessage("is not an absolute http(s) URL");
        assertThatThrownBy(() -> new WebhookChannel("https://hooks slack/secret token"))
                .hasMessageNotContaining("secret");
    }

    @Test
    void bodyIsTheMinimalJsonPayload() {
        assertThat(SlackWebhook.body("line \"one\"\nline two")).isEqualTo("{\"text\":\"line \\\"one\\\"\\nline two\"}");
    }
}
