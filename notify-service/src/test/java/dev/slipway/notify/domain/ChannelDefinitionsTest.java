package dev.slipway.notify.domain;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** FR-007: channels and their routing rules are checked at startup; a mistake names the property and the value. */
class ChannelDefinitionsTest {
    static final String SLACK_URL = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";
    static final String SECRET = "s3cr3t-signing-key-0123";

    @Test
    void legacySlackUrlsGetEveryEnvironmentAndKindAndKeepTheirIds() {
        List<Channel> channels = ChannelDefinitions.parse(Map.of(), List.of(SLACK_URL));

        assertThat(channels).hasSize(1);
        SlackChannel slack = (SlackChannel) channels.get(0);
        assertThat(slack.id()).isEqualTo(new SecretUrl(SLACK_URL).id());
        assertThat(slack.label()).isEqualTo("https://hooks.slack.com/…");
        assertThat(slack.routing()).isEqualTo(Routing.everything());
        for (NotificationKind kind : NotificationKind.values()) {
            assertThat(slack.wants("production", kind)).isTrue();
            assertThat(slack.wants("preview-feature-x", kind)).isTrue();
        }
    }

    @Test
    void namedChannelsOfEachTypeWithTheirRules() {
        List<Channel> channels = ChannelDefinitions.parse(Map.of(
                "team", settings("slack", SLACK_URL, List.of(), null, List.of(), List.of()),
                "oncall", settings("email", null, List.of("oncall@example.com", " lead@example.com"), null,
                        List.of("production"), List.of("deploy-failed", "dev.slipway.verify.health-failed.v1", "rolled-back")),
                "audit", settings("webhook", "https://audit.example.com/slipway/t0k3n", List.of(), SECRET,
                        List.of("staging", "preview-*"), List.of())), List.of());

        assertThat(channels).extracting(Channel::id).containsExactly("channel:audit", "channel:oncall", "channel:team");
        WebhookChannel audit = (WebhookChannel) channels.get(0);
        assertThat(audit.label()).isEqualTo("audit (webhook https://audit.example.com/…)");
        assertThat(audit.wants("staging", NotificationKind.DEPLOY_STARTED)).isTrue();
        assertThat(audit.wants("preview-checkout", NotificationKind.DEPLOY_SUCCEEDED)).isTrue();
        assertThat(audit.wants("production", NotificationKind.DEPLOY_SUCCEEDED)).isFalse();
        EmailChannel oncall = (EmailChannel) channels.get(1);
        assertThat(oncall.to()).containsExactly("oncall@example.com", "lead@example.com");
        assertThat(oncall.label()).isEqualTo("oncall (email to oncall@example.com, lead@example.com)");
        assertThat(oncall.routing().kinds()).isEqualTo(EnumSet.of(NotificationKind.DEPLOY_FAILED,
                NotificationKind.HEALTH_FAILED, NotificationKind.ROLLED_BACK));
        assertThat(oncall.wants("production", NotificationKind.DEPLOY_FAILED)).isTrue();
        assertThat(oncall.wants("staging", NotificationKind.DEPLOY_FAILED)).isFalse();
        assertThat(oncall.wants("production", NotificationKind.DEPLOY_SUCCEEDED)).isFalse();
        assertThat(oncall.routing().describe()).isEqualTo("production: deploy-failed, health-failed, rolled-back");
        assertThat(channels.get(2).label()).isEqualTo("team (slack https://hooks.slack.com/…)");
        assertThat(channels.get(2).routing().describe()).isEqualTo("every environment: every kind");
    }

    @Test
    void unknownKindFailsNamingThePropertyTheValueAndTheKinds() {
        assertThatThrownBy(() -> parse("ops", settings("email", null, List.of("ops@example.com"), null, List.of(),
                List.of("deploy-succeeded", "deploy-finished"))))
                .hasMessage("slipway.notify.channels.ops.events: unknown kind 'deploy-finished'; the kinds are"
                        + " build-failed, deploy-started, deploy-succeeded, deploy-failed, deploy-waiting, health-failed,"
                        + " rolled-back, rollback-failed, environment-torn-down (or their event types, e.g."
                        + " dev.slipway.deploy.succeeded.v1)");
        assertThatThrownBy(() -> parse("ops", settings("email", null, List.of("ops@example.com"), null, List.of(),
                List.of("dev.slipway.build.started.v1"))))
                .hasMessageStartingWith("slipway.notify.channels.ops.events: dev.slipway.build.started.v1 is an event"
                        + " type that is not announced; the kinds are build-failed,");
        assertThatThrownBy(() -> parse("ops", settings("email", null, List.of("ops@example.com"), null, List.of(),
                List.of("dev.slipway.deploy.exploded.v1"))))
                .hasMessageStartingWith("slipway.notify.channels.ops.events: unknown kind 'dev.slipway.deploy.exploded.v1'");
    }

    @Test
    void unknownOrMissingTypeFailsNamingTheProperty() {
        assertThatThrownBy(() -> parse("pager", settings("sms", null, List.of(), null, List.of(), List.of())))
                .hasMessage("slipway.notify.channels.pager.type: unknown type 'sms'; use slack, email or webhook");
        assertThatThrownBy(() -> parse("pager", settings(null, SLACK_URL, List.of(), null, List.of(), List.of())))
                .hasMessage("slipway.notify.channels.pager.type is required: slack, email or webhook");
    }

    @Test
    void whatEachTypeNeedsIsRequiredAndWhatDoesNotApplyIsRefused() {
        assertThatThrownBy(() -> parse("team", settings("slack", null, List.of(), null, List.of(), List.of())))
                .hasMessage("slipway.notify.channels.team.url is required for a slack channel");
        assertThatThrownBy(() -> parse("oncall", settings("email", null, List.of(), null, List.of(), List.of())))
                .hasMessage("slipway.notify.channels.oncall.to is required for an email channel: comma-separated addresses");
        assertThatThrownBy(() -> parse("oncall", settings("email", null, List.of("ops@example.com", "bob"), null,
                List.of(), List.of()))).hasMessage("slipway.notify.channels.oncall.to: 'bob' is not an email address");
        assertThatThrownBy(() -> parse("oncall", settings("email", SLACK_URL, List.of("ops@example.com"), null,
                List.of(), List.of()))).hasMessage("slipway.notify.channels.oncall.url does not apply to an email channel");
        assertThatThrownBy(() -> parse("audit", settings("webhook", "https://audit.example.com/", List.of(), null,
                List.of(), List.of()))).hasMessage("slipway.notify.channels.audit.secret is required for a webhook channel");
        assertThatThrownBy(() -> parse("team", settings("slack", SLACK_URL, List.of(), SECRET, List.of(), List.of())))
                .hasMessage("slipway.notify.channels.team.secret does not apply to a slack channel");
        assertThatThrownBy(() -> parse("Team Chat", settings("slack", SLACK_URL, List.of(), null, List.of(), List.of())))
                .hasMessageStartingWith("slipway.notify.channels.Team Chat: a channel name is 1 to 63 lower-case letters");
        assertThatThrownBy(() -> parse("team", settings("slack", SLACK_URL, List.of(), null, List.of("prod*uction"),
                List.of()))).hasMessageStartingWith("slipway.notify.channels.team.environments: 'prod*uction' is not an"
                + " environment name");
    }

    @Test
    void secretsAreNeverEchoed() {
        assertThatThrownBy(() -> parse("audit", settings("webhook", "https://audit.example.com/", List.of(),
                "short-key", List.of(), List.of())))
                .hasMessage("slipway.notify.channels.audit.secret is too short: use at least 16 random characters"
                        + " (receivers check X-Slipway-Signature-256 with it)")
                .hasMessageNotContaining("short-key");
        assertThatThrownBy(() -> parse("team", settings("slack", "hooks.slack.com/services/T0/B0/secret-token",
                List.of(), null, List.of(), List.of())))
                .hasMessage("slipway.notify.channels.team.url is not an absolute http(s) URL");
        assertThatThrownBy(() -> ChannelDefinitions.parse(Map.of(), List.of(SLACK_URL, "ftp://x/secret-token")))
                .hasMessage("slipway.notify.slack-webhook-urls[1] is not an absolute http(s) URL");
        Channel audit = parse("audit", settings("webhook", "https://audit.example.com/slipway/t0k3n", List.of(),
                SECRET, List.of(), List.of()));
        assertThat(audit.toString()).doesNotContain("t0k3n").doesNotContain(SECRET);
        assertThat(settings("webhook", "https://audit.example.com/slipway/t0k3n", List.of(), SECRET, List.of(),
                List.of()).toString()).doesNotContain("t0k3n").doesNotContain(SECRET);
    }

    private static Channel parse(String name, ChannelSettings settings) {
        return ChannelDefinitions.parse(Map.of(name, settings), List.of()).get(0);
    }

    private static ChannelSettings settings(String type, String url, List<String> to, String secret,
                                            List<String> environments, List<String> events) {
        return new ChannelSettings(type, url, to, secret, environments, events);
    }
}
