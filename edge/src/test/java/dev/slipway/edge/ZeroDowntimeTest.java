package dev.slipway.edge;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.slipway.edge.EdgeClient.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SC-004 / FR-015: a client keeps asking for the static site and the service while the environment is switched
 * between its slots twenty times; no request fails and no answer comes from an older release than one before it.
 */
class ZeroDowntimeTest {
    private static final int RELEASES = 21;

    @TempDir
    Path dir;
    EdgeFixture fixture;

    @BeforeEach
    void start() throws IOException {
        fixture = EdgeFixture.start(dir);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    /** One answer the client got: which path, its status, the version in its body and in its header. */
    record Seen(String path, int status, String body, String releaseHeader) {
        int version() {
            return Integer.parseInt(body.substring(1));
        }
    }

    @Test
    void switchingUnderLoadFailsNoRequestAndNeverMixesReleases() throws Exception {
        EdgeClient client = fixture.client;
        client.prepareServing("shop", "production", "blue", client.slotBody(1, fixture.site(1), Map.of()));
        client.switchTo("shop", "production", "blue", 1, "PT2S");
        List<Seen> seen = new ArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread load = new Thread(() -> {
            // alternating static and service: a release switched in one before the other would show as a step back
            for (int i = 0; running.get(); i++) {
                String path = i % 2 == 0 ? "shop/production/version.txt" : "shop/production/api/version";
                Seen answer;
                try {
                    EdgeClient.Answer a = client.get(path);
                    answer = new Seen(path, a.status(), a.body(), a.header("X-Slipway-Release"));
                } catch (RuntimeException e) {
                    answer = new Seen(path, -1, e.toString(), null);
                }
                synchronized (seen) {
                    seen.add(answer);
                }
            }
        }, "load");
        load.start();
        try {
            for (int version = 2; version <= RELEASES; version++) {
                String slot = version % 2 == 0 ? "green" : "blue";
                client.prepareServing("shop", "production", slot,
                        client.slotBody(version, fixture.site(version), Map.of()));
                client.switchTo("shop", "production", slot, version, "PT2S");
                String expected = "v" + version;
                // the next release goes to the slot just left: prepare it only once nothing is on its way there
                await().atMost(WAIT).until(() -> {
                    synchronized (seen) {
                        return seen.size() > 1 && seen.get(seen.size() - 1).body().equals(expected)
                                && seen.get(seen.size() - 2).body().equals(expected);
                    }
                });
            }
        } finally {
            running.set(false);
            load.join();
        }

        assertThat(seen).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            assertThat(answer.releaseHeader()).as(answer.toString()).isEqualTo(Integer.toString(answer.version()));
        });
        List<Integer> versions = seen.stream().map(Seen::version).toList();
        for (int i = 1; i < versions.size(); i++) {
            assertThat(versions.get(i)).as("answer %d of %d after %s", i, versions.size(), seen.get(i - 1))
                    .isGreaterThanOrEqualTo(versions.get(i - 1));
        }
        assertThat(versions.stream().distinct().count()).isGreaterThanOrEqualTo(10);
        assertThat(versions.get(versions.size() - 1)).isEqualTo(RELEASES);
    }
}
