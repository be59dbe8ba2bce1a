package dev.slipway.build.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArtifactStoreTest {

    @TempDir
    Path dir;

    @Test
    void theSameFilesGiveTheSameBytesWhateverTheirTimesOrCreationOrder() throws Exception {
        Path first = Files.createDirectories(dir.resolve("one/dist"));
        Files.createDirectories(first.resolve("assets"));
        Files.writeString(first.resolve("index.html"), "<h1>shop</h1>");
        Files.writeString(first.resolve("assets/app.js"), "console.log(1)");
        Path second = Files.createDirectories(dir.resolve("two/dist"));
        Files.createDirectories(second.resolve("assets"));
        Files.writeString(second.resolve("assets/app.js"), "console.log(1)");
        Files.writeString(second.resolve("index.html"), "<h1>shop</h1>");
        Files.setLastModifiedTime(second.resolve("index.html"), FileTime.from(Instant.parse("2001-02-03T04:05:06Z")));
        ArtifactStore store = new ArtifactStore(dir.resolve("store"));

        StoredArtifact a = store.store(first, dir);
        StoredArtifact b = store.store(second, dir);

        assertThat(b).isEqualTo(a);
        Path file = store.find(a.digest()).orElseThrow();
        assertThat(file).isEqualTo(dir.resolve("store/sha256/" + a.digest().hex() + ".zip"));
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).hasSize((int) a.size());
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))).isEqualTo(a.digest().hex());
        assertThat(names(bytes)).containsExactly("assets/", "assets/app.js", "index.html");
        assertThat(Files.list(dir.resolve("store/tmp"))).as("no temporary file left").isEmpty();
    }

    @Test
    void differentContentGetsADifferentAddress() throws Exception {
        Path out = Files.createDirectories(dir.resolve("dist"));
        Files.writeString(out.resolve("index.html"), "v1");
        ArtifactStore store = new ArtifactStore(dir.resolve("store"));
        StoredArtifact v1 = store.store(out, dir);
        Files.writeString(out.resolve("index.html"), "v2");

        StoredArtifact v2 = store.store(out, dir);

        assertThat(v2.digest()).isNotEqualTo(v1.digest());
        assertThat(store.find(v1.digest())).isPresent();
        assertThat(store.find(v2.digest())).isPresent();
    }

    @Test
    void aLinkOutOfTheRepositoryIsRefused() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Path out = Files.createDirectories(repo.resolve("dist"));
        Path secret = Files.writeString(dir.resolve("host-secret"), "password");
        Files.createSymbolicLink(out.resolve("leak"), secret);

        assertThatThrownBy(() -> new ArtifactStore(dir.resolve("store")).store(out, repo))
                .isInstanceOf(ArtifactStore.ArtifactException.class)
                .hasMessageContaining("leak is a link to").hasMessageContaining("outside the repository");
    }

    @Test
    void digestsAreParsedStrictly() {
        String hex = "a".repeat(64);
        assertThat(ArtifactDigest.parse("sha256:" + hex).hex()).isEqualTo(hex);
        for (String bad : new String[] {hex, "sha256:" + "A".repeat(64), "sha256:" + "a".repeat(63), "md5:" + hex, "sha256:../../etc"}) {
            assertThatThrownBy(() -> ArtifactDigest.parse(bad)).hasMessageContaining("expected sha256: followed by 64 lower-case hex digits");
        }
    }

    private static List<String> names(byte[] zip) throws Exception {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
            }
        }
        return names;
    }
}
