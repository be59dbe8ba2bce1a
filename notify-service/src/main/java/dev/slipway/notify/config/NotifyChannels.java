package dev.slipway.notify.config;

import dev.slipway.notify.domain.Channel;
import dev.slipway.notify.domain.ChannelDefinitions;
import dev.slipway.notify.domain.ChannelSettings;
import dev.slipway.notify.domain.NotificationKind;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configured channels with their routing rules, checked once at startup so a mistake fails the service, naming
 * the property, instead of failing every delivery.
 */
@ApplicationScoped
public class NotifyChannels {
    private final List<Channel> channels;

    public NotifyChannels(NotifyConfig config) {
        channels = ChannelDefinitions.parse(settings(config), config.slackWebhookUrls().orElse(List.of()));
    }

    static Map<String, ChannelSettings> settings(NotifyConfig config) {
        Map<String, ChannelSettings> settings = new LinkedHashMap<>();
        config.channels().forEach((name, c) -> settings.put(name, new ChannelSettings(c.type().orElse(null),
                c.url().orElse(null), c.to().orElse(List.of()), c.secret().orElse(null),
                c.environments().orElse(List.of()), c.events().orElse(List.of()))));
        return settings;
    }

    public List<Channel> all() {
        return channels;
    }

    /** The channels whose rules take an event of {@code kind} about {@code environment}. */
    public List<Channel> routing(String environment, NotificationKind kind) {
        return channels.stream().filter(c -> c.wants(environment, kind)).toList();
    }

    public Optional<Channel> byId(String id) {
        return channels.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
