package dev.slipway.deploy.domain;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SitePathsTest {

    @TempDir
    Path tmp;
    Path root;

    @BeforeEach
    void site() throws IOException {
        root = Files.createDirectories(tmp.resolve("site")).toRealPath();
        Files.writeString(root.resolve("index.html"), "home");
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/index.html"), "docs");
        Files.writeString(root.resolve("docs/a.css"), "css");
        Files.writeString(tmp.resolve("secret.txt"), "secret");
    }

    @Test
    void rootAndFoldersServeTheirIndex() {
        assertThat(SitePaths.resolve(root, "")).contains(root.resolve("index.html"));
        assertThat(SitePaths.resolve(root, "/")).contains(root.resolve("index.html"));
        assertThat(SitePaths.resolve(root, "docs")).contains(root.resolve("docs/index.html"));
        assertThat(SitePaths.resolve(root, "docs/a.css")).contains(root.resolve("docs/a.css"));
    }

    @Test
    void dotSegmentsThatStayInsideAreNormalised() {
        assertThat(SitePaths.resolve(root, "docs/../docs/./a.css")).contains(root.resolve("docs/a.css"));
    }

    @Test
    void nothingOutsideTheRootIsReachable() {
        assertThat(SitePaths.resolve(root, "../secret.txt")).isEmpty();
        assertThat(SitePaths.resolve(root, "docs/../../secret.txt")).isEmpty();
        assertThat(SitePaths.resolve(root, "//" + tmp.resolve("secret.txt"))).isEmpty();
        assertThat(SitePaths.resolve(root, "..\\secret.txt")).isEmpty();
        assertThat(SitePaths.resolve(root, "index.html\0.png")).isEmpty();
    }

    @Test
    void symbolicLinkPointingOutsideIsNotFollowed() throws IOException {
        Files.createSymbolicLink(root.resolve("leak.txt"), tmp.resolve("secret.txt"));

        assertThat(SitePaths.resolve(root, "leak.txt")).isEmpty();
    }

    @Test
    void missingFileIsEmpty() {
        assertThat(SitePaths.resolve(root, "nope.html")).isEmpty();
        assertThat(SitePaths.resolve(root, "docs/nope/")).isEmpty();
    }

    @Test
    void contentTypesFollowTheExtension() {
        assertThat(ContentTypes.of(Path.of("index.html"))).isEqualTo("text/html; charset=utf-8");
        assertThat(ContentTypes.of(Path.of("app.CSS"))).isEqualTo("text/css; charset=utf-8");
        assertThat(ContentTypes.of(Path.of("main.js"))).isEqualTo("text/javascript; charset=utf-8");
        assertThat(ContentTypes.of(Path.of("build-info.json"))).isEqualTo("application/json");
        assertThat(ContentTypes.of(Path.of("logo.svg"))).isEqualTo("image/svg+xml");
        assertThat(ContentTypes.of(Path.of("logo.png"))).isEqualTo("image/png");
        assertThat(ContentTypes.of(Path.of("robots.txt"))).isEqualTo("text/plain; charset=utf-8");
        assertThat(ContentTypes.of(Path.of("LICENSE"))).isEqualTo(ContentTypes.DEFAULT);
    }
}
