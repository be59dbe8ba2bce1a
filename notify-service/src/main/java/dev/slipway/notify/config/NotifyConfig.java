package dev.slipway.notify.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "slipway.notify")
public interface NotifyConfig {

    /**
     * Slack-compatible incoming-webhook URLs; every notification goes to each. They are secrets: only their
     * scheme and host are ever logged or shown. None configured: nothing is recorded.
     */
    Optional<List<String>> slackWebhookUrls();

    /** Attempts per delivery in all, rate-limited ones included. */
    @WithDefault("3")
    int attempts();

    /** Wait before retrying a 5xx or network error; doubles each time. A 429 waits its Retry-After instead. */
    @WithDefault("1s")
    Duration backoff();

    /** How long one POST to a webhook may take. */
    @WithDefault("10s")
    Duration timeout();

    /** How often an idle worker looks for deliveries that became due (retries) or were abandoned. */
    @WithDefault("1s")
    Duration pollInterval();

    /** A claimed delivery is hidden from other workers this long; after it, a crashed worker's claim is retried. */
    @WithDefault("60s")
    Duration claimTimeout();

    /** Deliveries sent at the same time, so one slow channel does not hold up the others. */
    @WithDefault("2")
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
