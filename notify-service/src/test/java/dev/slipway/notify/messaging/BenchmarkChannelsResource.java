package dev.slipway.notify.messaging;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * The benchmark's receiver: one signed webhook channel for the environment {@code bench}, with the service's
 * production timings (not the test profile's shortened ones), beside the Slack channels of
 * {@link SlackReceiverResource}.
 */
public class BenchmarkChannelsResource implements QuarkusTestResourceLifecycleManager {
    static final String KEY = "bench-key-5f3e9c1a7d";
    private WebhookReceiver receiver;

    @Override
    public Map<String, String> start() {
        receiver = new WebhookReceiver();
        return Map.of(
                "slipway.notify.channels.bench-hook.type", "webhook",
                "slipway.notify.channels.bench-hook.url", receiver.addHook("bench-hook", KEY),
                "slipway.notify.channels.bench-hook.secret", KEY,
                "slipway.notify.channels.bench-hook.environments", NotificationLatencyBenchmark.ENVIRONMENT,
                "slipway.notify.poll-interval", "1s",
                "slipway.notify.backoff", "1s",
                "slipway.notify.timeout", "10s");
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(receiver,
                new TestInjector.AnnotatedAndMatchesType(InjectWebhookReceiver.class, WebhookReceiver.class));
    }

    @Override
    public void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }
}
