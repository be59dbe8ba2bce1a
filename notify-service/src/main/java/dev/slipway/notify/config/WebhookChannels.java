package dev.slipway.notify.config;

import dev.slipway.notify.domain.WebhookChannel;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The configured channels, checked once at startup so a bad URL fails the service instead of every delivery. */
@ApplicationScoped
public class WebhookChannels {
    private final List<WebhookChannel> channels;

    public WebhookChannels(NotifyConfig config) {
        List<String> urls = config.slackWebhookUrls().orElse(List.of());
        List<WebhookChannel> parsed = new ArrayList<>(urls.size());
        for (int i = 0; i < urls.size(); i++) {
            try {
                parsed.add(new WebhookChannel(urls.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("slipway.notify.slack-webhook-urls[" + i + "] " + e.getMessage(), e);
            }
        }
        channels = List.copyOf(parsed);
    }

    public List<WebhookChannel> all() {
        return channels;
    }

    public Optional<WebhookChannel> byId(String id) {
        return channels.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
