package dev.slipway.notify.domain;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A URL that is a secret: a Slack incoming webhook's path is its credential, and a receiver's URL may carry a token.
 * It is kept only in configuration: deliveries store an id derived from it and show {@link #masked()}.
 */
public record SecretUrl(String url) {

    public SecretUrl {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not a URL"); // the message would echo the secret
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            throw new IllegalArgumentException("is not an absolute http(s) URL");
        }
        url = uri.toString();
    }

    /** Stable across restarts, reveals nothing of the URL. */
    public String id() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Scheme and host only, e.g. {@code https://hooks.slack.com/…}. */
    public String masked() {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort()) + "/…";
    }

    /** {@code text} with this channel's URL replaced by its masked form. */
    public String scrub(String text) {
        return text == null ? null : text.replace(url, masked());
    }

    @Override
    public String toString() {
        return masked();
    }
}
