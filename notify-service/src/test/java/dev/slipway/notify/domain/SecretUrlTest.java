package dev.slipway.notify.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** FR-009: a webhook URL is a secret; only its scheme and host are ever shown. */
class SecretUrlTest {
    static final String SECRET = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";

    @Test
    void maskedShowsSchemeAndHostOnly() {
        SecretUrl channel = new SecretUrl(SECRET);

        assertThat(channel.masked()).isEqualTo("https://hooks.slack.com/…");
        assertThat(channel.toString()).doesNotContain("XXXX");
        assertThat(new SecretUrl("http://127.0.0.1:4567/hook/abc").masked()).isEqualTo("http://127.0.0.1:4567/…");
    }

    @Test
    void idIsStableAndRevealsNothing() {
        assertThat(new SecretUrl(SECRET).id()).isEqualTo(new SecretUrl(" " + SECRET + " ").id())
                .hasSize(64).doesNotContain("hooks");
    }

    @Test
    void scrubReplacesTheUrlInText() {
        SecretUrl channel = new SecretUrl(SECRET);

        assertThat(channel.scrub("failed to reach " + SECRET)).isEqualTo("failed to reach https://hooks.slack.com/…");
    }

    @Test
    void badUrlIsRejectedWithoutEchoingIt() {
        assertThatThrownBy(() -> new SecretUrl("hooks.slack.com/services/T0/B0/secret-token"))
                .hasMessage("is not an absolute http(s) URL");
        assertThatThrownBy(() -> new SecretUrl("https://hooks slack/secret token"))
                .hasMessageNotContaining("secret");
    }

    @Test
    void bodyIsTheMinimalJsonPayload() {
        assertThat(SlackWebhook.body("line \"one\"\nline two")).isEqualTo("{\"text\":\"line \\\"one\\\"\\nline two\"}");
    }
}
