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
 * The image stages (FR-012, FR-013). The path without an engine runs for real: this machine's {@code docker} has
 * no daemon (or there is no {@code docker} at all). The path with one uses {@link FakeContainerEngine}.
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

    @Test
    @DisplayName("without a working engine a required image fails at step image, saying what the engine answered")
    void noEngineFailsARequiredImage() throws Exception {
        ContainerImages images = new ContainerImages(new ProcessRunner(), "docker", ENV);

        StageResult<Boolean> result = images.build(input("ghcr.io/acme/api", null, false), () -> false);

        assertThat(result).isInstanceOf(StageResult.Failed.class);
        StageResult.Failed<Boolean> failed = (StageResult.Failed<Boolean>) result;
        assertThat(failed.reason()).startsWith("no container engine on this machine (docker info: ")
                .contains("the image of api cannot be built", "optional: true");
        assertThat(failed.summary()).isEqualTo("no container engine on this machine");
        assertThat(failed.log()).contains("$ docker info", "no container engine on this machine (docker info: ");
    }

    @Test
    void noEngineSkipsAnOptionalImage() throws Exception {
        ContainerImages images = new ContainerImages(new ProcessRunner(), "docker", ENV);

        StageResult<Boolean> result = images.build(input("ghcr.io/acme/api", null, true), () -> false);

        assertThat(result).isInstanceOf(StageResult.Succeeded.class);
        assertThat(((StageResult.Succeeded<Boolean>) result).value()).isFalse();
        assertThat(result.log()).contains("no container engine on this machine (docker info: ",
                "the image of api is optional, so it is skipped");
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
        assertThat(((StageResult.Succeeded<String>) pushed).value())
                .isEqualTo("registry.test/acme/api@" + FakeContainerEngine.digestOf("registry.test/acme/api"));
        assertThat(pushed.log()).contains("$ docker push registry.test/acme/api:12", "pushed registry.test/acme/api@sha256:");
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
    }

    @Test
    void aMissingDockerfileIsNamed() throws Exception {
        FakeContainerEngine engine = FakeContainerEngine.install(dir.resolve("engine"));
        ContainerImages images = new ContainerImages(new ProcessRunner(), engine.script().toString(), ENV);
        Files.delete(folder.resolve("Dockerfile"));

        StageResult.Failed<Boolean> failed = (StageResult.Failed<Boolean>) images.build(input("registry.test/acme/api", null, false), () -> false);

        assertThat(failed.reason()).isEqualTo("Dockerfile api/Dockerfile of api not found at this commit");
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
