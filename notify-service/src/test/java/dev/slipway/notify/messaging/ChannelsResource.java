package dev.slipway.notify.messaging;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

import static dev.slipway.notify.messaging.ChannelStandIns.DEV;
import static dev.slipway.notify.messaging.ChannelStandIns.OPS;
import static dev.slipway.notify.messaging.ChannelStandIns.PRODUCTION_KEY;
import static dev.slipway.notify.messaging.ChannelStandIns.STAGING_KEY;

/**
 * Starts a real SMTP server and a webhook receiver before the service, and configures named channels with routing
 * rules (besides the Slack channels of {@link SlackReceiverResource}):
 * <ul>
 * <li>{@code ops-mail}: email to ops and dev, production only, deploy-started/-succeeded/-failed and rollbacks</li>
 * <li>{@code prod-hook}: webhook, production only, every kind</li>
 * <li>{@code staging-hook}: webhook with another key, staging only, deploy-succeeded only</li>
 * <li>{@code bounce-mail}, {@code busy-mail}: email to a mailbox that does not exist / is busy once, each for an
 * environment of its own</li>
 * </ul>
 */
public class ChannelsResource implements QuarkusTestResourceLifecycleManager {
    private ChannelStandIns standIns;

    @Override
    public Map<String, String> start() {
        MailServer mail = new MailServer();
        mail.start();
        WebhookReceiver webhooks = new WebhookReceiver();
        standIns = new ChannelStandIns(mail, webhooks);
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.mailer.host", "127.0.0.1");
        config.put("quarkus.mailer.port", String.valueOf(mail.port()));
        config.put("quarkus.mailer.from", "Slipway <slipway@slipway.test>");
        config.put("quarkus.mailer.start-tls", "DISABLED");
        channel(config, "ops-mail", "email", "to", OPS + "," + DEV, "production",
                "deploy-started,deploy-succeeded,deploy-failed,rolled-back,rollback-failed");
        channel(config, "prod-hook", "webhook", "url", webhooks.addHook("prod-hook", PRODUCTION_KEY), "production", null);
        config.put("slipway.notify.channels.prod-hook.secret", PRODUCTION_KEY);
        channel(config, "staging-hook", "webhook", "url", webhooks.addHook("staging-hook", STAGING_KEY), "staging",
                "dev.slipway.deploy.succeeded.v1");
        config.put("slipway.notify.channels.staging-hook.secret", STAGING_KEY);
        channel(config, "bounce-mail", "email", "to", "nobody@" + MailServer.UNKNOWN_DOMAIN, "bounce", null);
        channel(config, "busy-mail", "email", "to", "ops@" + MailServer.BUSY_DOMAIN, "busy", null);
        return config;
    }

    private static void channel(Map<String, String> config, String name, String type, String targetProperty,
                                String target, String environments, String events) {
        String at = "slipway.notify.channels." + name + ".";
        config.put(at + "type", type);
        config.put(at + targetProperty, target);
        config.put(at + "environments", environments);
        if (events != null) {
            config.put(at + "events", events);
        }
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(standIns,
                new TestInjector.AnnotatedAndMatchesType(InjectChannelStandIns.class, ChannelStandIns.class));
    }

    @Override
    public void stop() {
        if (standIns != null) {
            standIns.webhooks().close();
            standIns.mail().stop();
        }
    }
}
