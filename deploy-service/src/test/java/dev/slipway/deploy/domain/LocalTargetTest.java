package dev.slipway.deploy.domain;

import dev.slipway.deploy.domain.edge.EdgeClient;
import dev.slipway.deploy.domain.edge.EdgeEnvironment;
import dev.slipway.edge.Edge;
import dev.slipway.edge.EdgeSettings;
import dev.slipway.events.HealthCheckSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The local target with the real edge and real processes: a release is extracted, migrated, started in the idle
 * slot and checked there; nothing the environment serves changes until the switch (FR-015, SC-007).
 */
class LocalTargetTest {
    private static final String COMMIT = "9049f1265b7d61be4a8904a9a27120d2064dab3b";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final AtomicLong APPS = new AtomicLong();

    static Edge edge;
    @TempDir
    static Path edgeDir;

    @TempDir
    Path dataDir;
    final Map<Digest, byte[]> store = new HashMap<>();
    final List<String> log = new ArrayList<>();
    String app;
    EdgeClient client;
    LocalTarget target;

    @BeforeAll
    static void startEdge() throws IOException {
        edge = Edge.start(new EdgeSettings(EdgeSettings.LOOPBACK, 0, 0, edgeDir, Duration.ofSeconds(5)));
    }

    @AfterAll
    static void stopEdge() {
        edge.close();
    }

    @BeforeEach
    void target() {
        app = "target-" + APPS.incrementAndGet();
        client = new EdgeClient(edge.adminUrl());
        ArtifactSource artifacts = (digest, into) -> {
            byte[] bytes = store.get(digest);
            if (bytes == null) {
                throw new DeployException("artifact " + digest + " not found at the build-service (404)");
            }
            try {
                Files.write(into, bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        target = new LocalTarget(dataDir, edge.publicUrl().toString(), client, artifacts,
                new SlotReadiness(client, Duration.ofSeconds(5), Duration.ofMillis(100), Clock.systemUTC()),
                Duration.ofSeconds(10), Duration.ofMinutes(1));
    }

    @Test
    void aPreparedReleaseIsCheckedInItsSlotAndServedOnlyAfterTheSwitch() throws Exception {
        Release v1 = release(1, site("one"), service(false, false, null));

        PreparedRelease prepared = target.prepare(v1, log::add);

        assertThat(prepared.slot()).isEqualTo("blue");
        assertThat(target.releaseDir(v1).resolve("web/index.html")).exists();
        assertThat(target.liveVersion(v1)).isEmpty();
        assertThat(get("").statusCode()).isEqualTo(404);
        assertThat(log).anyMatch(l -> l.startsWith("api is ready in slot blue (/api/health answered 200)"));

        target.switchTo(prepared);

        assertThat(target.liveVersion(v1)).isEqualTo(OptionalLong.of(1));
        assertThat(target.isServing(v1)).isTrue();
        assertThat(get("").body()).contains("one");
        assertThat(get("api/version").body()).contains("\"version\": \"1\"").contains(COMMIT);

        PreparedRelease second = target.prepare(release(2, site("two"), service(false, false, null)), log::add);
        assertThat(second.slot()).isEqualTo("green");
        assertThat(get("").body()).contains("one");
        target.switchTo(second);
        assertThat(get("").body()).contains("two");
        assertThat(get("api/version").body()).contains("\"version\": \"2\"");
    }

    /** FR-010: migrations run with the release's configuration before the switch; a failure switches nothing. */
    @Test
    void migrationsRunBeforeTheSwitchAndAFailedOneChangesNothing() throws Exception {
        Path migrations = dataDir.resolve("migrations.log");
        Release v1 = release(1, site("one"), service(false, false, TestArtifacts.MIGRATE))
                .withConfig(new RuntimeConfig(Map.of("GREETING", "hej", "MIGRATIONS_LOG", migrations.toString()),
                        Map.of()));
        target.switchTo(target.prepare(v1, log::add));
        assertThat(migrations).hasContent("1");
        assertThat(log).contains("api migrate | migrating production v1 (hej)");

        Release v2 = release(2, site("two"), service(false, false, TestArtifacts.FAILING_MIGRATE));
        assertThatThrownBy(() -> target.prepare(v2, log::add)).isInstanceOf(DeployException.class)
                .hasMessage("component api: migration 'sh failing-migrate.sh' failed with exit code 3:"
                        + " ERROR: relation \"orders\" already exists");

        assertThat(target.liveVersion(v2)).isEqualTo(OptionalLong.of(1));
        assertThat(get("").body()).contains("one");
        assertThat(client.environment(app, "production").slot("green")).isEmpty();
    }

    /** Partial failure: one component that does not come up fails the whole release, and says why. */
    @Test
    void aServiceThatExitsOrNeverGetsHealthyFailsTheReleaseAndStopsItsSlot() throws Exception {
        target.switchTo(target.prepare(release(1, site("one"), service(false, false, null)), log::add));

        assertThatThrownBy(() -> target.prepare(release(2, site("two"), service(false, true, null)), log::add))
                .isInstanceOf(DeployException.class)
                .hasMessageStartingWith("component api exited with code 3 before it was ready; its log ends:")
                .hasMessageContaining("cannot connect to the database");
        assertThatThrownBy(() -> target.prepare(release(3, site("three"), service(true, false, null)), log::add))
                .isInstanceOf(DeployException.class)
                .hasMessage("component api was not ready within PT5S: GET /api/health expected 200, last: status 503");

        assertThat(get("").body()).contains("one");
        assertThat(get("api/version").body()).contains("\"version\": \"1\"");
        EdgeEnvironment now = client.environment(app, "production");
        assertThat(now.live().version()).isEqualTo(1);
        assertThat(now.slot("green").stream().flatMap(s -> s.services().stream()))
                .noneMatch(EdgeEnvironment.ServiceView::running);
    }

    /** SC-005: rolling back to the release still warm in the other slot is only a switch. */
    @Test
    void aWarmReleaseIsRestoredWithoutStartingAnythingAndAColdOneIsStartedAgain() throws Exception {
        Release v1 = release(1, site("one"), service(false, false, null));
        target.switchTo(target.prepare(v1, log::add));
        long pidOfOne = client.environment(app, "production").slot("blue").orElseThrow().services().get(0).pid();
        target.switchTo(target.prepare(release(2, site("two"), service(false, false, null)), log::add));

        PreparedRelease warm = target.restore(v1, log::add);

        assertThat(warm.slot()).isEqualTo("blue");
        target.switchTo(warm);
        assertThat(get("").body()).contains("one");
        assertThat(client.environment(app, "production").slot("blue").orElseThrow().services().get(0).pid())
                .isEqualTo(pidOfOne);

        client.stop(app, "production", "green");
        Release v2 = release(2, site("two"), service(false, false, null));
        assertThat(target.isKept(v2)).isTrue();
        PreparedRelease cold = target.restore(v2, log::add);
        assertThat(cold.slot()).isEqualTo("green");
        target.switchTo(cold);
        assertThat(get("api/version").body()).contains("\"version\": \"2\"");
        assertThat(target.isKept(release(9, site("never"), service(false, false, null)))).isFalse();
    }

    @Test
    void tearingDownRemovesTheEnvironment() throws Exception {
        Release v1 = release(1, site("one"), service(false, false, null));
        target.switchTo(target.prepare(v1, log::add));

        target.tearDown(app, "production", null, RuntimeConfig.EMPTY);

        assertThat(get("").statusCode()).isEqualTo(404);
        assertThat(target.isKept(v1)).isFalse();
        assertThat(target.liveVersion(v1)).isEmpty();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(edge.publicUrl().toString().replaceFirst("/+$", "")
                + "/" + app + "/production/" + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private ReleaseComponent site(String title) {
        byte[] zip = TestArtifacts.site(title, COMMIT);
        Digest digest = Digest.of(zip);
        store.put(digest, zip);
        return new ReleaseComponent("web", ComponentKind.STATIC, digest, zip.length, new HealthCheckSpec("/", 200),
                null, null, null);
    }

    private ReleaseComponent service(boolean neverReady, boolean crashes, String migrate) {
        byte[] zip = TestArtifacts.service(neverReady, crashes);
        Digest digest = Digest.of(zip);
        store.put(digest, zip);
        return new ReleaseComponent("api", ComponentKind.SERVICE, digest, zip.length,
                new HealthCheckSpec("/health", 200), TestArtifacts.RUN, "/api", migrate);
    }

    private Release release(long version, ReleaseComponent... components) {
        return new Release(app, "production", version, COMMIT, "main", version, List.of(components),
                RuntimeConfig.EMPTY);
    }
}
