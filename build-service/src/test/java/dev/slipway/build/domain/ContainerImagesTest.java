package dev.slipway.build.domain;

import dev.slipway.build.FakeContainerEngine;
import dev.slipway.spec.ImageSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image stages (FR-012, FR-013), with {@link FakeContainerEngine} in place of the engine, so the result does
 * not depend on whether the machine running the tests has Docker: one whose daemon does not run, and one that works.
 */
class ContainerImagesTest {
    private static final String SHA = "9049f1265b7d61be4a8904a9a27120d2064dab3b";
    private static final Map<String, String> ENV = Map.of("PATH", System.getenv("PATH"));

    @TempDir
    Path dir;

    Path repo;
    Path folder;

    @BeforeEach
    void component() throws Exception {
        repo = dir.resolve("repo");
        folder = repo.resolve("api");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("Dockerfile"), "FROM scratch\nCOPY server.js /\n");
    }

    private ContainerImages.Input input(String repository, String scan, boolean optional) {
        return new ContainerImages.Input("api", new ImageSpec(repository, "Dockerfile", scan, optional), repo, folder, "api",
                "12", SHA, Duration.ofSeconds(30), dir.resolve("logs/api-image.log"));
    }

    private ContainerImages withoutDaemon() throws Exception {
        return new ContainerImages(new ProcessRunner(), FakeContainerEngine.installWithoutDaemon(dir.resolve("engine"))
                .script().toString(), ENV);
    }

    @Test
    @DisplayName("without a working engine a required image fails at step image, saying what the engine answered")
    void noEngineFailsARequiredImage() throws Exception {
        ContainerImages images = withoutDaemon();

        StageResult<Boolean> result = images.build(input("ghcr.io/acme/api", null, false), () -> false);

        assertThat(result).isInstanceOf(StageResult.Failed.class);
        StageResult.Failed<Boolean> failed = (StageResult.Failed<Boolean>) result;
        assertThat(failed.reason()).isEqualTo("no container engine on this machine (docker info: "
                + FakeContainerEngine.NO_DAEMON + "): the image of api cannot be built; run build-service where Docker or"
                + " Podman works, or mark the image optional: true");
        assertThat(failed.summary()).isEqualTo("no container engine on this machine");
        assertThat(failed.log()).contains("$ docker info", "no container engine on this machine (docker info: ");
    }

    @Test
    void noEngineSkipsAnOptionalImage() throws Exception {
        ContainerImages images = withoutDaemon();

        StageResult<Boolean> result = images.build(input("ghcr.io/acme/api", null, true), () -> false);

        assertThat(result).isInstanceOf(StageResult.Succeeded.class);
        assertThat(((StageResult.Succeeded<Boolean>) result).value()).isFalse();
        assertThat(result.log()).contains("no container engine on this machine (docker info: " + FakeContainerEngine.NO_DAEMON + ")",
                "the image of api is optional, so it is skipped");
    }

    @Test
    @DisplayName("an engine command that is not installed at all is a missing engine too, naming what could not run")
    void aMissingEngineCommandIsNoEngine() throws Exception {
        Path missing = dir.resolve("nowhere/docker");
        ContainerImages images = new ContainerImages(new ProcessRunner(), missing.toString(), ENV);

        StageResult.Failed<Boolean> failed = (StageResult.Failed<Boolean>) images.build(input("ghcr.io/acme/api", null, false),
                () -> false);

        assertThat(failed.reason()).startsWith("no container engine on this machine (docker info: ").contains(missing.toString());
        assertThat(failed.summary()).isEqualTo("no container engine on this machine");
    }

    @Test
    @DisplayName("an engine builds the image tagged with the version and the commit SHA (FR-013), pushes both, and gives the digest")
    void anEngineBuildsTagsPushesAndGivesTheDigest() throws Exception {
        FakeContainerEngine engine = FakeContainerEngine.install(dir.resolve("engine"));
        ContainerImages images = new ContainerImages(new ProcessRunner(), engine.script().toString(), ENV);
        ContainerImages.Input input = input("registry.test/acme/api", null, false);

        StageResult<Boolean> built = images.build(input, () -> false);
        StageResult<String> pushed = images.push(input, () -> false);

        assertThat(((StageResult.Succeeded<Boolean>) built).value()).isTrue();
        assertThat(engine.callsWith(" build ")).isEmpty();
        assertThat(engine.callsWith("build -f")).singleElement().asString()
                .contains("build -f " + folder.resolve("Dockerfile"), "-t registry.test/acme/api:12",
                        "-t registry.test/acme/api:" + SHA, "org.opencontainers.image.revision=" + SHA)
                .endsWith(" " + folder);
        assertThat(engine.callsWith("push")).containsExactly("push registry.test/acme/api:12", "push registry.test/acme/api:" + SHA);
        // the repo digest the engine recorded, not the one the push printed
        assertThat(((StageResult.Succeeded<String>) pushed).value())
                .isEqualTo("registry.test/acme/api@" + FakeContainerEngine.digestOf("registry.test/acme/api"))
                .doesNotContain(FakeContainerEngine.pushedDigestOf("registry.test/acme/api"));
        assertThat(pushed.log()).contains("$ docker push registry.test/acme/api:12", "pushed registry.test/acme/api@sha256:");
    }

    @Test
    @DisplayName("once pushed, both tags are removed from this machine, so images do not fill its disk")
    void thePushedImageIsRemovedFromThisMachine() throws Exception {
        FakeContainerEngine engine = FakeContainerEngine.install(dir.resolve("engine"));
        ContainerImages images = new ContainerImages(new ProcessRunner(), engine.script().toString(), ENV);
        ContainerImages.Input input = input("registry.test/acme/api", null, false);

        images.build(input, () -> false);
        StageResult<String> pushed = images.push(input, () -> false);

        assertThat(pushed).isInstanceOf(StageResult.Succeeded.class);
        assertThat(engine.callsWith("image rm")).containsExactly("image rm registry.test/acme/api:12 registry.test/acme/api:" + SHA);
        assertThat(engine.callsWith("")).last().asString().startsWith("image rm ");
        assertThat(pushed.log()).contains("$ docker image rm registry.test/acme/api:12 registry.test/acme/api:" + SHA,
                "Untagged: registry.test/acme/api:12");
    }

    @Test
    @DisplayName("a removal that does not work is only noted: the push still succeeds")
    void aFailedRemovalIsOnlyNoted() throws Exception {
        FakeContainerEngine engine = FakeContainerEngine.install(dir.resolve("engine"));
        ContainerImages images = new ContainerImages(new ProcessRunner(), engine.script().toString(), ENV);
        ContainerImages.Input input = input("registry.test/acme/in-use", null, false);

        StageResult<String> pushed = images.push(input, () -> false);

        assertThat(((StageResult.Succeeded<String>) pushed).value()).startsWith("registry.test/acme/in-use@sha256:");
        assertThat(pushed.log()).contains("the image stays on this machine: docker image rm registry.test/acme/in-use:12"
                + " registry.test/acme/in-use:" + SHA + " did not work (Error response from daemon: conflict:");
    }

    @Test
    @DisplayName("an image that is not pushed (a fork's commit) is removed all the same")
    void anImageNotPushedIsRemoved() throws Exception {
        FakeContainerEngine engine = FakeContainerEngine.install(dir.resolve("engine"));
        ContainerImages images = new ContainerImages(new ProcessRunner(), engine.script().toString(), ENV);

        StageResult<String> result = images.notPushed(input("registry.test/acme/api", null, false), "a fork's commit");

        assertThat(((StageResult.Succeeded<String>) result).value()).isNull();
        assertThat(result.log()).startsWith("not pushed: a fork's commit\n");
        assertThat(engine.callsWith("push")).isEmpty();
        assertThat(engine.callsWith("image rm")).hasSize(1);
    }

    @Test
    @DisplayName("an image over 2 GiB is refused, naming its size")
    void anImageOverTheLimitIsRefused() throws Exception {
        FakeContainerEngine engine = FakeContainerEngine.install(dir.resolve("engine"));
        ContainerImages images = new ContainerImages(new ProcessRunner(), engine.script().toString(), ENV);

        StageResult<Boolean> result = images.build(input("registry.test/acme/huge-api", null, false), () -> false);

        StageResult.Failed<Boolean> failed = (StageResult.Failed<Boolean>) result;
        assertThat(failed.reason()).startsWith("image registry.test/acme/huge-api:12 is 3 GiB (" + FakeContainerEngine.HUGE
                + " bytes), over the limit of 2 GiB");
        assertThat(failed.summary()).isEqualTo("image is 3 GiB, over the 2 GiB limit");
        assertThat(engine.callsWith("image rm")).containsExactly("image rm registry.test/acme/huge-api:12 registry.test/acme/huge-api:" + SHA);
    }

    @Test
    void aFailingScanBlocksWithItsOutputAndSeesTheImage() throws Exception {
        FakeContainerEngine engine = FakeContainerEngine.install(dir.resolve("engine"));
        ContainerImages images = new ContainerImages(new ProcessRunner(), engine.script().toString(), ENV);
        ContainerImages.Input input = input("registry.test/acme/api",
                "echo \"CVE-2024-3094 critical in $SLIPWAY_IMAGE\"; exit 4", false);

        StageResult<Void> result = images.scan(input, ENV, () -> false);

        StageResult.Failed<Void> failed = (StageResult.Failed<Void>) result;
        assertThat(failed.reason()).isEqualTo("scan of api's image registry.test/acme/api:" + SHA
                + " failed with exit code 4: the image is not pushed");
        assertThat(failed.log()).contains("CVE-2024-3094 critical in registry.test/acme/api:" + SHA);
        assertThat(engine.callsWith("image rm")).containsExactly("image rm registry.test/acme/api:12 registry.test/acme/api:" + SHA);
    }

    @Test
    void aMissingDockerfileIsNamed() throws Exception {
        FakeContainerEngine engine = FakeContainerEngine.install(dir.resolve("engine"));
        ContainerImages images = new ContainerImages(new ProcessRunner(), engine.script().toString(), ENV);
        Files.delete(folder.resolve("Dockerfile"));

        StageResult.Failed<Boolean> failed = (StageResult.Failed<Boolean>) images.build(input("registry.test/acme/api", null, false), () -> false);

        assertThat(failed.reason()).isEqualTo("Dockerfile api/Dockerfile of api not found at this commit");
        assertThat(engine.callsWith("image rm")).as("nothing was built, so nothing is removed").isEmpty();
    }

    @Test
    void theDigestIsTheRepositorysRepoDigestElseThePushedOne() {
        String hex = "c".repeat(64);
        assertThat(ContainerImages.reference("ghcr.io/acme/api", "other.io/x@sha256:" + "d".repeat(64) + "\nghcr.io/acme/api@sha256:" + hex + "\n", ""))
                .isEqualTo("ghcr.io/acme/api@sha256:" + hex);
        assertThat(ContainerImages.reference("ghcr.io/acme/api", "", "12: digest: sha256:" + hex + " size: 1570\n"))
                .isEqualTo("ghcr.io/acme/api@sha256:" + hex);
        assertThat(ContainerImages.reference("ghcr.io/acme/api", "", "nothing")).isNull();
        assertThat(ContainerImages.gib(ImageSpec.MAX_BYTES)).isEqualTo("2");
        assertThat(ContainerImages.gib(2_684_354_560L)).isEqualTo("2.5");
    }
}
