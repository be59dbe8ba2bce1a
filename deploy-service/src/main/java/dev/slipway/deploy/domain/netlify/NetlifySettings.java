package dev.slipway.deploy.domain.netlify;

import dev.slipway.platform.retry.RetryPolicy;

import java.net.URI;
import java.time.Duration;

/**
 * How the Netlify client talks to the API.
 *
 * @param baseUrl        the API root, {@code https://api.netlify.com/api/v1} unless pointed at a stand-in
 * @param retry          transient failures (network, 408, 429, 5xx): attempts in all and the first backoff
 * @param requestTimeout how long one HTTP request may take, a file upload included
 * @param pollInterval   the wait between two looks at a deploy that is not ready yet
 * @param readyTimeout   how long a deploy may take to become ready once its files are uploaded
 */
public record NetlifySettings(URI baseUrl, RetryPolicy retry, Duration requestTimeout, Duration pollInterval,
                              Duration readyTimeout) {

    public static final URI DEFAULT_BASE_URL = URI.create("https://api.netlify.com/api/v1");

    public NetlifySettings {
        if (baseUrl == null || !baseUrl.isAbsolute()
                || !("https".equals(baseUrl.getScheme()) || "http".equals(baseUrl.getScheme()))) {
            throw new IllegalArgumentException("the Netlify API base URL must be an absolute http(s) URL, got '" + baseUrl + "'");
        }
        String text = baseUrl.toString();
        baseUrl = text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : baseUrl;
        if (retry == null) {
            throw new IllegalArgumentException("the Netlify retry policy is missing");
        }
        requirePositive("request timeout", requestTimeout);
        requirePositive("poll interval", pollInterval);
        requirePositive("ready timeout", readyTimeout);
    }

    /**
     * Netlify's own CLI: polls every second for up to 20 minutes and backs off 5 s before retrying; at most 3
     * attempts in all, as everywhere in Slipway.
     */
    public static NetlifySettings defaults() {
        return new NetlifySettings(DEFAULT_BASE_URL, new RetryPolicy(3, Duration.ofSeconds(5)), Duration.ofMinutes(2),
                Duration.ofSeconds(1), Duration.ofMinutes(20));
    }

    private static void requirePositive(String what, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("the Netlify " + what + " must be positive, got " + value);
        }
    }
}
