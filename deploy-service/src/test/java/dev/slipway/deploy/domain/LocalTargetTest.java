package dev.slipway.deploy.domain;

import dev.slipway.events.HealthCheckSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalTargetTest {

    @TempDir
    Path dataDir;
    final Map<Digest, byte[]> store = new HashMap<>();
    LocalTarget target;

    @BeforeEach
    void target() {
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
        target = new LocalTarget(dataDir, "http://127.0.0.1:8083/", artifacts);
    }

    @Test
    void preparedReleaseIsNotLiveUntilTheSwitch() throws IOException {
        Release release = release(1, staticComponent("web", Map.of("index.html", "v1")));

        PreparedRelease prepared = target.prepare(release);

        assertThat(Path.of(prepared.location())).isEqualTo(target.releaseDir("shop", "production", 1));
        assertThat(target.releaseDir("shop", "production", 1).resolve("web/index.html")).hasContent("v1");
        assertThat(target.isLive("shop", "production", 1)).isFalse();
        assertThat(target.siteRoot("shop", "production")).isEmpty();

        target.switchTo(prepared);

        assertThat(target.isLive("shop", "production", 1)).isTrue();
        assertThat(target.siteRoot("shop", "production")).get()
                .satisfies(root -> assertThat(root.resolve("index.html")).hasContent("v1"));
        assertThat(Files.readSymbolicLink(dataDir.resolve("sites/shop/production/current")))
                .isEqualTo(Path.of("releases", "1"));
    }

    @Test
    void aKeptReleaseIsSwitchedBackToAsItRanWithoutDownloadingAgain() {
        Release v1 = release(1, staticComponent("web", Map.of("index.html", "v1")));
        target.switchTo(target.prepare(v1));
        target.switchTo(target.prepare(release(2, staticComponent("web", Map.of("index.html", "v2")))));
        store.clear();

        target.switchTo(target.kept(v1).orElseThrow());

        assertThat(target.isLive("shop", "production", 1)).isTrue();
        assertThat(target.siteRoot("shop", "production")).get()
                .satisfies(root -> assertThat(root.resolve("index.html")).hasContent("v1"));
        assertThat(target.kept(release(3, staticComponent("web", Map.of("index.html", "v3"))))).isEmpty();
    }

    @Test
    void theFirstStaticComponentIsServedAndServicesAreOnlyRecorded() {
        Release release = release(1,
                new ReleaseComponent("api", ComponentKind.SERVICE, Digest.of(new byte[]{1}), 1, null),
                staticComponent("web", Map.of("index.html", "web")),
                staticComponent("docs", Map.of("index.html", "docs")));

        target.switchTo(target.prepare(release));

        assertThat(target.siteRoot("shop", "production")).get()
                .satisfies(root -> assertThat(root.resolve("index.html")).hasContent("web"));
        assertThat(target.releaseDir("shop", "production", 1).resolve("api")).doesNotExist();
        assertThat(target.releaseDir("shop", "production", 1).resolve("docs/index.html")).hasContent("docs");
    }

    @Test
    void failedPrepareLeavesTheLiveReleaseAndNoHalfRelease() throws IOException {
        target.switchTo(target.prepare(release(1, staticComponent("web", Map.of("index.html", "v1")))));
        ReleaseComponent tampered = staticComponent("web", Map.of("index.html", "v2"));
        store.put(tampered.artifact(), Zips.of(Map.of("index.html", "evil")));

        assertThatThrownBy(() -> target.prepare(release(2, tampered)))
                .isInstanceOf(DeployException.class)
                .hasMessageStartingWith("component web: artifact " + tampered.artifact() + " does not match its digest");

        assertThat(target.isLive("shop", "production", 1)).isTrue();
        assertThat(target.siteRoot("shop", "production")).get()
                .satisfies(root -> assertThat(root.resolve("index.html")).hasContent("v1"));
        try (var left = Files.list(dataDir.resolve("sites/shop/production/releases"))) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("1");
        }
    }

    @Test
    void aReleaseDirectoryIsNeverRewritten() {
        target.prepare(release(1, staticComponent("web", Map.of("index.html", "v1"))));

        assertThatThrownBy(() -> target.prepare(release(1, staticComponent("web", Map.of("index.html", "other")))))
                .isInstanceOf(DeployException.class).hasMessageContaining("already exists");
        assertThat(target.releaseDir("shop", "production", 1).resolve("web/index.html")).hasContent("v1");
    }

    /** A reader never finds {@code current} missing or half-switched while releases are switched under it. */
    @Test
    void switchIsAtomicForConcurrentReaders() throws Exception {
        PreparedRelease one = target.prepare(release(1, staticComponent("web", Map.of("index.html", "v1"))));
        PreparedRelease two = target.prepare(release(2, staticComponent("web", Map.of("index.html", "v2"))));
        target.switchTo(one);
        Path index = dataDir.resolve("sites/shop/production/current/web/index.html");
        AtomicBoolean switching = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        AtomicReference<Throwable> broken = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            while (switching.get() || reads.get() == 0) {
                try {
                    assertThat(Files.readString(index)).isIn("v1", "v2");
                    reads.incrementAndGet();
                } catch (Throwable e) { // NoSuchFileException: current was missing for a moment
                    broken.set(e);
                    return;
                }
            }
        });
        reader.start();
        for (int i = 0; i < 2000 && broken.get() == null; i++) {
            target.switchTo(i % 2 == 0 ? two : one);
        }
        switching.set(false);
        reader.join();

        assertThat(broken.get()).isNull();
        assertThat(reads.get()).isPositive();
        try (var left = Files.list(dataDir.resolve("sites/shop/production"))) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("current", "releases");
        }
    }

    @Test
    void environmentUrlIsBelowThePublicUrl() {
        assertThat(target.environmentUrl("shop", "production"))
                .hasToString("http://127.0.0.1:8083/sites/shop/production/");
    }

    private ReleaseComponent staticComponent(String name, Map<String, String> files) {
        byte[] zip = Zips.of(files);
        Digest digest = Digest.of(zip);
        store.put(digest, zip);
        return new ReleaseComponent(name, ComponentKind.STATIC, digest, zip.length, new HealthCheckSpec("/", 200));
    }

    private static Release release(long version, ReleaseComponent... components) {
        return new Release("shop", "production", version, List.of(components));
    }
}
