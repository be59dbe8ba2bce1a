package dev.slipway.deploy;

import dev.slipway.events.DeploySucceeded;
import dev.slipway.events.Envelope;
import dev.slipway.events.EventType;
import dev.slipway.testsupport.EventProbe;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SC-004, FR-015: releases of a static site and a service switch together with no failed request and never a
 * mixed release, across more than twenty switches under continuous requests through the edge.
 */
@QuarkusTest
class ZeroDowntimeTest {
    private static final int RELEASES = 22;
    private static final Pattern SITE_VERSION = Pattern.compile("zero downtime (\\d+)<");
    private static final Pattern API_VERSION = Pattern.compile("\"version\": \"(\\d+)\"");
    static EventProbe probe;

    @BeforeAll
    static void startProbe() {
        probe = EventProbe.start();
    }

    @AfterAll
    static void stopProbe() {
        probe.close();
    }

    /** One answer as the client saw it: which part, its status, the version its body names (-1 if none). */
    record Seen(String part, int status, long version) {
    }

    @Test
    void everyRequestIsAnsweredByOneWholeReleaseAcrossTwentySwitches() throws Exception {
        String app = "zero-downtime";
        String url = deploy(app, 1);
        AtomicBoolean running = new AtomicBoolean(true);
        List<Seen> seen = new ArrayList<>();
        Thread client = new Thread(() -> {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            while (running.get()) {
                seen.add(fetch(http, "site", url, SITE_VERSION));
                seen.add(fetch(http, "api", url + "api/version", API_VERSION));
            }
        }, "zero-downtime-client");
        client.start();
        try {
            for (long build = 2; build <= RELEASES; build++) {
                deploy(app, build);
            }
        } finally {
            running.set(false);
            client.join(Duration.ofSeconds(30).toMillis());
        }

        assertThat(seen).hasSizeGreaterThan(RELEASES * 4);
        assertThat(seen).allSatisfy(s -> assertThat(s.status()).as("%s", s).isEqualTo(200));
        // one client asks in turn: a part switched before the other would show as a version going back
        for (int i = 1; i < seen.size(); i++) {
            assertThat(seen.get(i).version()).as("answer %d %s after %s", i, seen.get(i), seen.get(i - 1))
                    .isGreaterThanOrEqualTo(seen.get(i - 1).version());
        }
        assertThat(seen.stream().mapToLong(Seen::version).distinct().count()).isGreaterThanOrEqualTo(RELEASES / 2);
        // the client's last request may have started before the last switch; a new one sees the last release
        HttpClient http = HttpClient.newHttpClient();
        assertThat(fetch(http, "site", url, SITE_VERSION).version()).isEqualTo(RELEASES);
        assertThat(fetch(http, "api", url + "api/version", API_VERSION).version()).isEqualTo(RELEASES);
    }

    private static Seen fetch(HttpClient http, String part, String url, Pattern version) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = version.matcher(answer.body());
            return new Seen(part, answer.statusCode(), m.find() ? Long.parseLong(m.group(1)) : -1);
        } catch (Exception e) {
            return new Seen(part + " " + e, -1, -1);
        }
    }

    private static String deploy(String app, long build) {
        String commit = Builds.commit();
        byte[] site = Builds.site("zero downtime " + build, commit);
        probe.publish(Builds.succeeded(app, "production", commit, build, List.of(
                Builds.web(Builds.store(site), site.length), Builds.api(Builds.Service.HEALTHY, null))));
        Envelope<DeploySucceeded> live = probe.await(EventType.DEPLOY_SUCCEEDED,
                e -> e.data().app().equals(app) && e.data().version() == build, DeployPipelineTest.FIRST_EVENT);
        return live.data().url();
    }
}
