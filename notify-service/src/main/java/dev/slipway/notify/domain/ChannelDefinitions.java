package dev.slipway.notify.domain;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns the configured channels into checked {@link Channel}s, once at startup, so a mistake fails the service with
 * the property and the value named instead of failing every delivery. Secrets are never echoed.
 */
public final class ChannelDefinitions {
    public static final String PREFIX = "slipway.notify.";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    // enough to catch a typo or a name put in place of an address; the SMTP server has the last word
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,<>\"]+@[^@\\s,<>\"]+\\.[^@\\s,<>\"]+");
    /** Shorter signing keys are guessable; GitHub asks for a random string with high entropy. */
    static final int MIN_SECRET_LENGTH = 16;

    private ChannelDefinitions() {
    }

    /**
     * @param named      {@code slipway.notify.channels.<name>.*}, by name
     * @param legacySlackUrls {@code slipway.notify.slack-webhook-urls}: each a Slack channel for every environment and kind
     * @throws IllegalArgumentException naming the property and what is wrong with its value
     */
    public static List<Channel> parse(Map<String, ChannelSettings> named, List<String> legacySlackUrls) {
        Map<String, Channel> channels = new LinkedHashMap<>();
        for (int i = 0; i < legacySlackUrls.size(); i++) {
            String property = PREFIX + "slack-webhook-urls[" + i + "]";
            SlackChannel channel = SlackChannel.legacy(url(property, legacySlackUrls.get(i)));
            if (channels.putIfAbsent(channel.id(), channel) != null) {
                throw new IllegalArgumentException(property + " repeats an earlier URL of the list");
            }
        }
        for (Map.Entry<String, ChannelSettings> entry : new TreeMap<>(named).entrySet()) {
            Channel channel = channel(entry.getKey(), entry.getValue());
            channels.put(channel.id(), channel);
        }
        return List.copyOf(channels.values());
    }

    static Channel channel(String name, ChannelSettings s) {
        String at = PREFIX + "channels." + name;
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(at + ": a channel name is 1 to 63 lower-case letters, digits, '-' and"
                    + " '_', starting with a letter or digit; got '" + name + "'");
        }
        if (s.type() == null || s.type().isBlank()) {
            throw new IllegalArgumentException(at + ".type is required: slack, email or webhook");
        }
        ChannelType type;
        try {
            type = ChannelType.parse(s.type());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + ".type: " + e.getMessage(), e);
        }
        Routing routing = routing(at, s);
        String id = "channel:" + name;
        return switch (type) {
            case SLACK -> {
                refuse(at, type, "to", !s.to().isEmpty());
                refuse(at, type, "secret", s.secret() != null);
                SecretUrl url = url(at + ".url", required(at, type, "url", s.url()));
                yield new SlackChannel(id, name + " (slack " + url.masked() + ")", url, routing);
            }
            case EMAIL -> {
                refuse(at, type, "url", s.url() != null);
                refuse(at, type, "secret", s.secret() != null);
                if (s.to().isEmpty()) {
                    throw new IllegalArgumentException(at + ".to is required for an email channel: comma-separated"
                            + " addresses");
                }
                List<String> to = new ArrayList<>();
                for (String address : s.to()) {
                    String a = address.strip();
                    if (!EMAIL.matcher(a).matches()) {
                        throw new IllegalArgumentException(at + ".to: '" + a + "' is not an email address");
                    }
                    to.add(a);
                }
                yield new EmailChannel(id, name + " (email to " + String.join(", ", to) + ")", to, routing);
            }
            case WEBHOOK -> {
                refuse(at, type, "to", !s.to().isEmpty());
                SecretUrl url = url(at + ".url", required(at, type, "url", s.url()));
                String secret = required(at, type, "secret", s.secret());
                if (secret.length() < MIN_SECRET_LENGTH) {
                    throw new IllegalArgumentException(at + ".secret is too short: use at least " + MIN_SECRET_LENGTH
                            + " random characters (receivers check " + WebhookSignature.HEADER + " with it)");
                }
                yield new WebhookChannel(id, name + " (webhook " + url.masked() + ")", url,
                        new WebhookSignature(secret), routing);
            }
        };
    }

    private static Routing routing(String at, ChannelSettings s) {
        List<String> environments = s.environments().stream().map(String::strip).filter(e -> !e.isEmpty()).toList();
        Set<NotificationKind> kinds = EnumSet.noneOf(NotificationKind.class);
        for (String event : s.events()) {
            if (event.isBlank()) {
                continue;
            }
            try {
                kinds.add(NotificationKind.parse(event));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(at + ".events: " + e.getMessage(), e);
            }
        }
        try {
            return new Routing(environments.isEmpty() ? List.of(Routing.EVERY_ENVIRONMENT) : environments,
                    kinds.isEmpty() ? EnumSet.allOf(NotificationKind.class) : kinds);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + ".environments: " + e.getMessage(), e);
        }
    }

    private static String required(String at, ChannelType type, String property, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(at + "." + property + " is required for " + article(type) + " channel");
        }
        return value.strip();
    }

    private static void refuse(String at, ChannelType type, String property, boolean given) {
        if (given) {
            throw new IllegalArgumentException(at + "." + property + " does not apply to " + article(type) + " channel");
        }
    }

    private static String article(ChannelType type) {
        return (type == ChannelType.EMAIL ? "an " : "a ") + type.id();
    }

    /** The message never includes the value: a URL may be the credential. */
    private static SecretUrl url(String property, String value) {
        try {
            return new SecretUrl(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(property + " " + e.getMessage(), e);
        }
    }
}
