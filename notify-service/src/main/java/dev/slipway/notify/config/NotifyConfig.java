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
}
