package dev.slipway.build;

import dev.slipway.events.BuildFailed;
import dev.slipway.events.BuildSucceeded;
import dev.slipway.events.Envelope;
import dev.slipway.events.EventType;
import dev.slipway.events.PushReceived;
import dev.slipway.standins.github.GitHubStandIn;
import dev.slipway.testsupport.EventProbe;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * FR-012 on a machine without a container engine: the default profile's engine is a docker CLI whose daemon does
 * not run ({@link EngineWithoutDaemonResource}), whatever the machine running the tests has. A required image fails
 * the build at step {@code image}, saying so plainly; an optional one is skipped and the build goes on.
 */
@QuarkusTest
class ImageWithoutEngineTest {
    static EventProbe probe;

    @TempDir
    static Path repos;

    @InjectGitHub
    GitHubStandIn github;

    @BeforeAll
    static void startProbe() {
        probe = EventProbe.start();
    }

    @AfterAll
    static void stopProbe() {
        probe.close();
    }

    static GitRepo service(Path repos, String app, String image) throws Exception {
        GitRepo repo = GitRepo.init(repos.resolve(app));
        repo.write("api/server.js", "require('node:http').createServer((q, s) => s.end('ok')).listen(process.env.PORT);\n")
                .write("api/Dockerfile", "FROM node:20-alpine\nCOPY server.js /app/\nCMD [\"node\", \"/app/server.js\"]\n")
                .write("slipway.yml", """
                        app: %s
                        components:
                          api:
                            kind: service
                            path: api
                            test: echo api tests passed
                            run: node server.js
                            image: %s
                        environments:
                          production: { branch: main }
                        """.formatted(app, image));
        return repo;
    }

    @Test
    @DisplayName("FR-012: without a container engine a required image fails the build at step image, saying why")
    void aRequiredImageFailsTheBuild() throws Exception {
        String app = "image-noengine";
        GitRepo repo = service(repos, app, "{ repository: registry.test/acme/" + app + " }");
        String sha = repo.commit("needs an image");
        Envelope<PushReceived> push = Pushes.toProduction(app, repo, sha);

        probe.publish(push);

        Envelope<?> end = Pushes.end(probe, push);
        assertThat(end.type()).isEqualTo(EventType.BUILD_FAILED);
        BuildFailed failed = (BuildFailed) end.data();
        assertThat(failed.step()).isEqualTo("image");
        assertThat(failed.component()).isEqualTo("api");
        assertThat(failed.reason()).startsWith("no container engine on this machine (docker info: "
                + FakeContainerEngine.NO_DAEMON + "): the image of api cannot be built");
        assertThat(failed.logTail()).anyMatch(line -> line.startsWith("no container engine on this machine (docker info: "));
        assertThat(FakeContainerEngine.at(EngineWithoutDaemonResource.ENGINE_DIR).callsWith("")).contains("info")
                .noneMatch(call -> call.startsWith("build"));
        GitHubStandIn.Status api = await().atMost(Pushes.BUILD).until(() -> github.statuses("acme", app, sha).stream()
                .filter(s -> s.context().equals("slipway/api") && !s.state().equals("pending")).findFirst().orElse(null),
                s -> s != null);
        assertThat(api.state()).isEqualTo("failure");
        assertThat(api.description()).isEqualTo("no container engine on this machine");
    }

    @Test
    @DisplayName("FR-012: an optional image is skipped where no engine works, and the build succeeds without it")
    void anOptionalImageIsSkipped() throws Exception {
        String app = "image-optional";
        GitRepo repo = service(repos, app, "{ repository: registry.test/acme/" + app + ", optional: true }");
        String sha = repo.commit("image if possible");
        Envelope<PushReceived> push = Pushes.toProduction(app, repo, sha);

        probe.publish(push);

        Envelope<?> end = Pushes.end(probe, push);
        assertThat(end.type()).isEqualTo(EventType.BUILD_SUCCEEDED);
        BuildSucceeded succeeded = (BuildSucceeded) end.data();
        assertThat(succeeded.components()).singleElement().satisfies(c -> assertThat(c.image()).isNull());
        String log = given().get("/api/builds/{n}/log", succeeded.buildNumber()).then().statusCode(200).extract().asString();
        assertThat(log).contains("=== api image: succeeded", "no container engine on this machine (docker info: "
                        + FakeContainerEngine.NO_DAEMON + ")",
                "the image of api is optional, so it is skipped and the build goes on without it")
                .doesNotContain("=== api push");
    }
}
