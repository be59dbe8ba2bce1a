package dev.slipway.notify.messaging;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Starts the Slack stand-in before the service and configures its two webhooks as the service's channels. */
public class SlackReceiverResource implements QuarkusTestResourceLifecycleManager {
    private SlackReceiver receiver;

    @Override
    public Map<String, String> start() {
        receiver = new SlackReceiver();
        return Map.of("slipway.notify.slack-webhook-urls", String.join(",", receiver.webhookUrls()));
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(receiver,
                new TestInjector.AnnotatedAndMatchesType(InjectSlackReceiver.class, SlackReceiver.class));
    }

    @Override
    public void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }
}
