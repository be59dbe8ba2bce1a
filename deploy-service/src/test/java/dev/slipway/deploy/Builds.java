package dev.slipway.deploy;

import dev.slipway.deploy.domain.Digest;
import dev.slipway.deploy.domain.TestArtifacts;
import dev.slipway.events.BuildSucceeded;
import dev.slipway.events.BuiltComponent;
import dev.slipway.events.EnvironmentSettings;
import dev.slipway.events.Envelope;
import dev.slipway.events.HealthCheckSpec;
import dev.slipway.events.EventMetadata;
import dev.slipway.events.EventType;
import dev.slipway.events.GoldenFixtures;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** BuildSucceeded events made from the golden fixture, and the artifacts they point at in {@link FakeBuildService}. */
final class Builds {
    static final String ENVIRONMENT = "production";

    private Builds() {
    }

    static String commit() {
        byte[] sha = new byte[20];
        ThreadLocalRandom.current().nextBytes(sha);
        return HexFormat.of().formatHex(sha);
    }

    /** A site the way build-service packs it: index.html plus build-info.json naming the commit. */
    static byte[] site(String title, String commit) {
        return TestArtifacts.site(title, commit);
    }

    /** Puts the bytes in the fake artifact store under their own digest. */
    static String store(byte[] artifact) {
        String digest = Digest.of(artifact).toString();
        storeUnder(digest, artifact);
        return digest;
    }

    /** Puts bytes in the fake artifact store under any digest, e.g. one they do not hash to. */
    static void storeUnder(String digest, byte[] bytes) {
        try {
            Files.write(dir(FakeBuildService.ARTIFACT_DIR_PROPERTY).resolve(digest), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fake artifact store answers for {@code digest} only after {@link #release}: its deploy stays in flight. */
    static void hold(String digest) {
        try {
            Files.createFile(dir(FakeBuildService.HOLD_DIR_PROPERTY).resolve(digest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void release(String digest) {
        try {
            Files.deleteIfExists(dir(FakeBuildService.HOLD_DIR_PROPERTY).resolve(digest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path dir(String property) {
        return Path.of(ConfigProvider.getConfig().getValue(property, String.class));
    }

    /**
     * The fixture's static "web" component (health "/" → 200) built as {@code digest}, plus an "api" service at
     * {@code /api} that answers {@code /health} and {@code /version}.
     */
    static List<BuiltComponent> webAndApi(String digest, long size) {
        return List.of(web(digest, size), api(Service.HEALTHY, null));
    }

    static BuiltComponent web(String digest, long size) {
        BuiltComponent web = fixture().data().components().get(0);
        return new BuiltComponent(web.name(), web.kind(), digest, size, web.coverage(), web.health(), null, null,
                null);
    }

    /** How the test service behaves once started. */
    enum Service {
        HEALTHY, NEVER_READY, CRASHES
    }

    /** A real service packed as build-service packs it; see {@link TestArtifacts#service}. */
    static BuiltComponent api(Service behaviour, String migrate) {
        byte[] zip = TestArtifacts.service(behaviour == Service.NEVER_READY, behaviour == Service.CRASHES);
        return new BuiltComponent("api", "service", store(zip), zip.length, null, new HealthCheckSpec("/health", 200),
                TestArtifacts.RUN, "/api", migrate);
    }

    static Envelope<BuildSucceeded> succeeded(String app, String commit, long buildNumber,
                                              List<BuiltComponent> components) {
        return succeeded(app, ENVIRONMENT, commit, buildNumber, components);
    }

    static Envelope<BuildSucceeded> succeeded(String app, String environment, String commit, long buildNumber,
                                              List<BuiltComponent> components) {
        return succeeded(app, environment, commit, buildNumber, components, EnvironmentSettings.NONE);
    }

    static Envelope<BuildSucceeded> succeeded(String app, String environment, String commit, long buildNumber,
                                              List<BuiltComponent> components, EnvironmentSettings settings) {
        Envelope<BuildSucceeded> fixture = fixture();
        EventMetadata metadata = new EventMetadata(UUID.randomUUID().toString(), fixture.metadata().source(),
                OffsetDateTime.now(), app + "/" + environment, UUID.randomUUID().toString(),
                fixture.metadata().causationId(), commit);
        return new Envelope<>(metadata, new BuildSucceeded(app, environment, buildNumber,
                fixture.data().repository(), fixture.data().branch(), components, settings));
    }

    /** A build of a site whose artifact is in the store. */
    static Envelope<BuildSucceeded> ofSite(String app, String commit, long buildNumber, String title) {
        return ofSite(app, ENVIRONMENT, commit, buildNumber, title);
    }

    static Envelope<BuildSucceeded> ofSite(String app, String environment, String commit, long buildNumber,
                                           String title) {
        byte[] site = site(title, commit);
        return succeeded(app, environment, commit, buildNumber, webAndApi(store(site), site.length));
    }

    private static Envelope<BuildSucceeded> fixture() {
        return GoldenFixtures.envelope(EventType.BUILD_SUCCEEDED);
    }
}
