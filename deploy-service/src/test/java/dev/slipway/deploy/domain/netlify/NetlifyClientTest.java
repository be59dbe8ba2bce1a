package dev.slipway.deploy.domain.netlify;

import dev.slipway.deploy.domain.FakeTime;
import dev.slipway.platform.retry.RetryPolicy;
import dev.slipway.standins.netlify.NetlifyStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** FR-003: the Netlify client's retries and failures, against the stand-in that checks every request against swagger.yml. */
class NetlifyClientTest {

    private static final String TOKEN = "nfp_client-test-7f3a9c1e5b";

    private final FakeTime time = new FakeTime();
    private NetlifyStandIn netlify;
    private NetlifyStandIn.Site site;
    private NetlifyClient client;

    @BeforeEach
    void start() {
        netlify = new NetlifyStandIn(TOKEN);
        site = netlify.createSite("shop-production");
        client = new NetlifyClient(settings(netlify.apiBase()), TOKEN, time, time);
    }

    @AfterEach
    void stop() {
        assertThat(netlify.violations()).as("requests and answers follow Netlify's swagger.yml").isEmpty();
        netlify.close();
    }

    @Test
    @DisplayName("FR-003: 422 is permanent: one request, no retry, Netlify's message in the error")
    void unprocessableIsNotRetried() {
        netlify.failNextRequests(1, 422);

        NetlifyException failure = catchThrowableOfType(NetlifyException.class, () -> client.getSite(site.id()));

        assertThat(failure.permanent()).isTrue();
        assertThat(failure.status()).isEqualTo(422);
        assertThat(failure).hasMessage("netlify: read site '" + site.id()
                + "' failed: HTTP 422: failure injected by the Netlify stand-in");
        assertThat(apiRequests()).hasSize(1);
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    @DisplayName("FR-003: 503 twice then success is three requests with backoff in between")
    void serviceUnavailableTwiceThenSuccess() {
        netlify.failNextRequests(2, 503);

        NetlifySite answer = client.getSite(site.id());

        assertThat(answer.name()).isEqualTo(site.name());
        assertThat(apiRequests()).extracting(NetlifyStandIn.RecordedRequest::status).containsExactly(503, 503, 200);
        assertThat(time.sleeps()).containsExactly(Duration.ofMillis(5), Duration.ofMillis(10));
    }

    @Test
    @DisplayName("FR-003: 503 three times fails after three attempts, as a transient failure")
    void serviceUnavailableThreeTimesFails() {
        netlify.failNextRequests(3, 503);

        NetlifyException failure = catchThrowableOfType(NetlifyException.class, () -> client.getSite(site.id()));

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.status()).isEqualTo(503);
        assertThat(failure).hasMessageContaining("HTTP 503").hasMessageEndingWith("(after 3 attempts)");
        assertThat(apiRequests()).hasSize(3);
    }

    @Test
    @DisplayName("FR-003: 429 (rate limited) is retried")
    void rateLimitedIsRetried() {
        netlify.failNextRequests(1, 429);

        assertThat(client.getSite(site.id()).id()).isEqualTo(site.id());
        assertThat(apiRequests()).extracting(NetlifyStandIn.RecordedRequest::status).containsExactly(429, 200);
        assertThat(time.sleeps()).as("no hint: the plain backoff").containsExactly(Duration.ofMillis(5));
    }

    @Test
    @DisplayName("FR-003: 429 with Retry-After waits that many seconds before the next attempt")
    void rateLimitedWaitsRetryAfter() {
        netlify.failNextRequests(2, 429, Map.of("Retry-After", "7"));

        assertThat(client.getSite(site.id()).id()).isEqualTo(site.id());
        assertThat(apiRequests()).extracting(NetlifyStandIn.RecordedRequest::status).containsExactly(429, 429, 200);
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(7));
    }

    @Test
    @DisplayName("FR-003: 429 with X-RateLimit-Reset waits until that moment by our clock")
    void rateLimitedWaitsUntilReset() {
        Instant reset = time.instant().plusSeconds(12);
        netlify.failNextRequests(1, 429, Map.of("X-RateLimit-Reset", String.valueOf(reset.getEpochSecond())));

        client.getSite(site.id());

        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(12));
        assertThat(time.instant()).isEqualTo(reset);
    }

    @Test
    @DisplayName("FR-003: a rate-limit wait is capped at 60 s; a reset already past or an unreadable hint gets the backoff")
    void rateLimitWaitIsBounded() {
        netlify.failNextRequests(1, 429, Map.of("Retry-After", "3600"));
        client.getSite(site.id());
        netlify.failNextRequests(1, 429, Map.of("X-RateLimit-Reset", String.valueOf(time.instant().getEpochSecond() - 5)));
        client.getSite(site.id());
        netlify.failNextRequests(1, 429, Map.of("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"));
        client.getSite(site.id());

        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(60), Duration.ofMillis(5), Duration.ofMillis(5));
    }

    @Test
    @DisplayName("FR-003: 429 with Retry-After still gives up after three attempts in all")
    void rateLimitedThreeTimesFails() {
        netlify.failNextRequests(3, 429, Map.of("Retry-After", "2"));

        NetlifyException failure = catchThrowableOfType(NetlifyException.class, () -> client.getSite(site.id()));

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.status()).isEqualTo(429);
        assertThat(failure).hasMessageEndingWith("(after 3 attempts)");
        assertThat(apiRequests()).hasSize(3);
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    @Test
    @DisplayName("FR-003: an unknown site (404) and a wrong token (401) are permanent: one request each")
    void notFoundAndUnauthorizedArePermanent() {
        NetlifyException unknown = catchThrowableOfType(NetlifyException.class, () -> client.getSite("no-such-site"));
        NetlifyException denied = catchThrowableOfType(NetlifyException.class,
                () -> client.withToken("nfp_wrong-token-1234").getSite(site.id()));

        assertThat(unknown.permanent()).isTrue();
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(denied.permanent()).isTrue();
        assertThat(denied.status()).isEqualTo(401);
        assertThat(denied).hasMessageContaining("Access Denied").hasMessageNotContaining("nfp_wrong-token-1234");
        assertThat(apiRequests()).hasSize(2);
    }

    @Test
    @DisplayName("FR-003, FR-009: the token appears in no failure: refused, unreachable, failed deploy, bad token")
    void tokenNeverAppearsInFailures() {
        netlify.failNextRequests(3, 503);
        Throwable busy = catchThrowableOfType(NetlifyException.class, () -> client.getSite(site.id()));
        netlify.failNextRequests(1, 401);
        Throwable refused = catchThrowableOfType(NetlifyException.class, () -> client.getSite(site.id()));
        NetlifyClient unreachable = new NetlifyClient(settings(URI.create("http://127.0.0.1:1/api/v1")), TOKEN, time, time);
        NetlifyException offline = catchThrowableOfType(NetlifyException.class, () -> unreachable.getSite(site.id()));
        Throwable badToken = catchThrowableOfType(IllegalArgumentException.class,
                () -> client.withToken("nfp_bad token-with-space"));

        assertThat(offline.permanent()).isFalse();
        assertThat(offline).hasMessageContaining("could not reach Netlify").hasMessageEndingWith("(after 3 attempts)");
        for (Throwable failure : List.of(busy, refused, offline, badToken)) {
            assertThat(failure.getMessage()).doesNotContain(TOKEN).doesNotContain("nfp_bad");
            assertThat(String.valueOf(failure.getCause())).doesNotContain(TOKEN);
        }
    }

    @Test
    @DisplayName("FR-003: a deploy's URL: the HTTPS one when Netlify gives it, else the plain one")
    void deployUrlPrefersHttps() {
        NetlifyDeploy both = new NetlifyDeploy("d1", "s", "ready", List.of(), "http://d1--shop.netlify.app",
                "https://d1--shop.netlify.app", null);
        NetlifyDeploy plain = new NetlifyDeploy("d1", "s", "ready", null, "http://d1--shop.netlify.app", null, null);

        assertThat(both.url()).contains(URI.create("https://d1--shop.netlify.app"));
        assertThat(plain.url()).contains(URI.create("http://d1--shop.netlify.app"));
        assertThat(plain.required()).isEmpty();
        assertThat(new NetlifySite("s", "shop", "http://shop.netlify.app", "https://shop.netlify.app",
                Optional.empty()).publicUrl()).contains(URI.create("https://shop.netlify.app"));
    }

    @Test
    void settingsRejectWhatCannotWork() {
        assertThatThrownBy(() -> settings(URI.create("ftp://api.netlify.com")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute http(s) URL");
        assertThat(settings(URI.create("http://127.0.0.1:9/api/v1/")).baseUrl())
                .isEqualTo(URI.create("http://127.0.0.1:9/api/v1"));
        assertThat(NetlifySettings.defaults().baseUrl()).isEqualTo(URI.create("https://api.netlify.com/api/v1"));
        assertThat(NetlifySettings.defaults().retry().attempts()).isEqualTo(3);
    }

    private List<NetlifyStandIn.RecordedRequest> apiRequests() {
        return netlify.requests().stream().filter(NetlifyStandIn.RecordedRequest::isApi).toList();
    }

    static NetlifySettings settings(URI apiBase) {
        return new NetlifySettings(apiBase, new RetryPolicy(3, Duration.ofMillis(5)), Duration.ofSeconds(10),
                Duration.ofSeconds(1), Duration.ofSeconds(30));
    }
}
