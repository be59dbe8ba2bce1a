package dev.slipway.build;

import dev.slipway.events.BuildFailed;
import dev.slipway.events.BuildSucceeded;
import dev.slipway.events.BuiltComponent;
import dev.slipway.events.Envelope;
import dev.slipway.events.EventType;
import dev.slipway.events.PullRequestRef;
import dev.slipway.events.PushReceived;
import dev.slipway.testsupport.EventProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * FR-012 and FR-013 where a container engine works, with {@link FakeContainerEngine} in its place (no engine
 * exists on this machine): the image is built tagged with the version and the commit SHA, scanned, pushed, and
 * its digest travels in BuildSucceeded. No GitHub token is configured in this profile: statuses are skipped and
 * the build log says so once.
 */
@QuarkusTest
@TestProfile(FakeEngineProfile.class)
class FakeEngineBuildTest {
    static EventProbe probe;
    static FakeContainerEngine engine;

    @TempDir
    static Path repos;

    @BeforeAll
    static void start() throws Exception {
        engine = FakeContainerEngine.install(FakeEngineProfile.ENGINE_DIR);
        probe = EventProbe.start();
    }

    @AfterAll
    static void stopProbe() {
        probe.close();
    }

    @Test
    @DisplayName("FR-012, FR-013: the image is tagged with the version and the commit, pushed, and its digest recorded")
    void theImageIsBuiltTaggedPushedAndItsDigestRecorded() throws Exception {
        String app = "image-pushed";
        String repository = "registry.test/acme/" + app;
        GitRepo repo = ImageWithoutEngineTest.service(repos, app, "{ repository: " + repository
                + ", scan: 'echo scanned $SLIPWAY_IMAGE: 0 critical' }");
        String sha = repo.commit("ship it");
        Envelope<PushReceived> push = Pushes.toProduction(app, repo, sha);

        probe.publish(push);

        Envelope<?> end = Pushes.end(probe, push);
        assertThat(end.type()).as("%s", end.data()).isEqualTo(EventType.BUILD_SUCCEEDED);
        BuildSucceeded succeeded = (BuildSucceeded) end.data();
        long number = succeeded.buildNumber();
        String image = repository + "@" + FakeContainerEngine.digestOf(repository);
        // the repo digest the engine recorded, not the digest the push printed
        assertThat(succeeded.components()).extracting(BuiltComponent::image).containsExactly(image)
                .doesNotContain(repository + "@" + FakeContainerEngine.pushedDigestOf(repository));
        assertThat(engine.callsWith("build -f")).filteredOn(c -> c.contains(sha)).singleElement().asString()
                .contains("-t " + repository + ":" + number, "-t " + repository + ":" + sha,
                        "--label org.opencontainers.image.version=" + number);
        assertThat(engine.callsWith("push " + repository)).containsExactly("push " + repository + ":" + number,
                "push " + repository + ":" + sha);
        assertThat(engine.callsWith("info")).isNotEmpty();
        assertThat(engine.callsWith("image rm " + repository)).as("removed from this machine once pushed")
                .containsExactly("image rm " + repository + ":" + number + " " + repository + ":" + sha);
        given().get("/api/builds/{n}", number).then().statusCode(200)
                .body("components[0].image", equalTo(image))
                .body("steps.step", equalTo(List.of("clone", "config", "test", "image", "scan", "push", "package")));
        String log = given().get("/api/builds/{n}/log", number).then().statusCode(200).extract().asString();
        assertThat(log).contains("scanned " + repository + ":" + sha + ": 0 critical", "pushed " + image);
        assertThat(Pattern.compile(Pattern.quote("no GitHub token is configured")).matcher(log).results().count())
                .as("the log says once that statuses are skipped").isEqualTo(1);
    }

    @Test
    @DisplayName("FR-012: a failing scan blocks the build at step scan, and nothing is pushed")
    void aFailingScanBlocks() throws Exception {
        String app = "image-vulnerable";
        String repository = "registry.test/acme/" + app;
        GitRepo repo = ImageWithoutEngineTest.service(repos, app, "{ repository: " + repository
                + ", scan: 'echo \"CVE-2024-3094 critical in $SLIPWAY_IMAGE\"; exit 1' }");
        String sha = repo.commit("xz");
        Envelope<PushReceived> push = Pushes.toProduction(app, repo, sha);

        probe.publish(push);

        Envelope<?> end = Pushes.end(probe, push);
        assertThat(end.type()).isEqualTo(EventType.BUILD_FAILED);
        BuildFailed failed = (BuildFailed) end.data();
        assertThat(failed.step()).isEqualTo("scan");
        assertThat(failed.component()).isEqualTo("api");
        assertThat(failed.reason()).isEqualTo("scan of api's image " + repository + ":" + sha
                + " failed with exit code 1: the image is not pushed");
        assertThat(failed.logTail()).contains("CVE-2024-3094 critical in " + repository + ":" + sha);
        assertThat(engine.callsWith("push " + repository)).isEmpty();
        assertThat(engine.callsWith("image rm " + repository)).hasSize(1);
    }

    @Test
    @DisplayName("FR-012: an image over 2 GiB is refused at step image, naming its size")
    void anImageOverTheLimitIsRefused() throws Exception {
        String app = "image-huge";
        String repository = "registry.test/acme/" + app;
        GitRepo repo = ImageWithoutEngineTest.service(repos, app, "{ repository: " + repository + " }");
        String sha = repo.commit("with the toolchain inside");
        Envelope<PushReceived> push = Pushes.toProduction(app, repo, sha);

        probe.publish(push);

        BuildFailed failed = (BuildFailed) Pushes.end(probe, push).data();
        assertThat(failed.step()).isEqualTo("image");
        assertThat(failed.reason()).startsWith("image " + repository + ":" + failed.buildNumber() + " is 3 GiB ("
                + FakeContainerEngine.HUGE + " bytes), over the limit of 2 GiB");
        assertThat(engine.callsWith("push " + repository)).isEmpty();
        assertThat(engine.callsWith("image rm " + repository)).hasSize(1);
    }

    @Test
    @DisplayName("a fork's pull request gets its image built and checked, never pushed to the team's registry")
    void aForksImageIsNotPushed() throws Exception {
        String app = "image-fork";
        String repository = "registry.test/acme/" + app;
        GitRepo repo = ImageWithoutEngineTest.service(repos, app, "{ repository: " + repository + " }");
        String sha = repo.commit("a contribution");
        Envelope<PushReceived> push = Pushes.ofPullRequest(app, repo, sha, new PullRequestRef(9,
                "https://github.com/acme/shop/pull/9", "someone/shop", "patch-1", true));

        probe.publish(push);

        Envelope<?> end = Pushes.end(probe, push);
        assertThat(end.type()).isEqualTo(EventType.BUILD_SUCCEEDED);
        BuildSucceeded succeeded = (BuildSucceeded) end.data();
        assertThat(succeeded.components()).extracting(BuiltComponent::image).containsOnlyNulls();
        assertThat(succeeded.settings().withholdSecrets()).isTrue();
        assertThat(engine.callsWith("build -f")).anyMatch(c -> c.contains(repository));
        assertThat(engine.callsWith("push " + repository)).isEmpty();
        assertThat(engine.callsWith("image rm " + repository)).as("removed from this machine all the same").hasSize(1);
    }
}
