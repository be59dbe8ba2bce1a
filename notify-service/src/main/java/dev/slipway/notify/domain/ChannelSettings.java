package dev.slipway.notify.domain;

import java.util.List;

/**
 * One channel's settings as configured ({@code slipway.notify.channels.<name>.*}), before they are checked.
 *
 * @param type         slack, email or webhook; null when not set
 * @param url          slack and webhook: where to POST (a secret); null when not set
 * @param to           email: the addresses; empty when not set
 * @param secret       webhook: the HMAC key; null when not set
 * @param environments empty: every environment
 * @param events       kinds or event types; empty: every kind
 */
public record ChannelSettings(String type, String url, List<String> to, String secret, List<String> environments,
                              List<String> events) {

    public ChannelSettings {
        to = List.copyOf(to);
        environments = List.copyOf(environments);
        events = List.copyOf(events);
    }

    @Override
    public String toString() {
        return "ChannelSettings[type=" + type + ", to=" + to + ", environments=" + environments + ", events=" + events
                + "]";
    }
}
