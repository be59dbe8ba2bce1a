package dev.slipway.notify.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ConfigMapping(prefix = "slipway.notify")
public interface NotifyConfig {

    /**
     * Slack-compatible incoming-webhook URLs; each is a Slack channel that gets every environment and every kind.
     * They are secrets: only their scheme and host are ever logged or shown.
     */
    Optional<List<String>> slackWebhookUrls();

    /**
     * Named channels, {@code slipway.notify.channels.<name>.*}: checked at startup by
     * {@link dev.slipway.notify.domain.ChannelDefinitions}. None here and no slack-webhook-urls: nothing is recorded.
     */
    Map<String, ChannelConfig> channels();

    /** One channel and its routing rules. */
    interface ChannelConfig {

        /** {@code slack}, {@code email} or {@code webhook}. */
        Optional<String> type();

        /** slack, webhook: where to POST. A secret: only its scheme and host are ever shown. */
        Optional<String> url();

        /** email: comma-separated addresses, one message for all of them. */
        Optional<List<String>> to();

        /** webhook: the HMAC-SHA256 key of {@code X-Slipway-Signature-256}. A secret, never shown. */
        Optional<String> secret();

        /** Environment names ({@code preview-*} matches a start); not set: every environment. */
        Optional<List<String>> environments();

        /** Kinds ({@code deploy-succeeded}, …) or their event types; not set: every kind. */
        Optional<List<String>> events();
    }

    /** Attempts per delivery in all, rate-limited ones included. */
    @WithDefault("3")
    int attempts();

    /** Wait before retrying a 5xx or network error; doubles each time. A 429 waits its Retry-After instead. */
    @WithDefault("1s")
    Duration backoff();

    /**
     * How long one POST to a webhook (connecting, sending, the answer and the start of its body), or handing one email
     * to the SMTP server, may take.
     */
    @WithDefault("10s")
    Duration timeout();

    /** How often an idle worker looks for deliveries that became due (retries) or were abandoned. */
    @WithDefault("1s")
    Duration pollInterval();

    /**
     * A claimed delivery is hidden from other workers this long; after it, a crashed worker's claim is retried. Must be
     * longer than twice {@link #timeout()} plus 10 s, or a delivery still being sent would be claimed and sent again.
     */
    @WithDefault("60s")
    Duration claimTimeout();

    /**
     * Deliveries sent at the same time, so one slow channel (an SMTP server taking seconds, a receiver timing out)
     * does not hold up the others.
     */
    @WithDefault("4")
    int workers();

    /**
     * How long after a rollback's outcome its incident report is built. Topics are consumed independently, so the
     * failing release's health result (verify topic) and the rollback request (ops topic) may arrive after the
     * rollback's outcome (deploy topic); the report waits for them this long.
     */
    @WithDefault("5s")
    Duration incidentSettle();

    /**
     * The longest an incident report waits, from its rollback's outcome, for the rollback request and the event it
     * answers (the failed health check) when they have not arrived; after it the report is built and says what is
     * missing. Well under SC-006's 30 s.
     */
    @WithDefault("20s")
    Duration incidentMaxWait();
}
