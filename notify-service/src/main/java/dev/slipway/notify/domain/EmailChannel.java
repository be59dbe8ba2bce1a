package dev.slipway.notify.domain;

import java.util.List;

/** An email to these addresses, one message for all of them; sent through the configured SMTP server. */
public record EmailChannel(String id, String label, List<String> to, Routing routing) implements Channel {

    public EmailChannel {
        to = List.copyOf(to);
    }

    @Override
    public ChannelType type() {
        return ChannelType.EMAIL;
    }

    @Override
    public String toString() {
        return label;
    }
}
