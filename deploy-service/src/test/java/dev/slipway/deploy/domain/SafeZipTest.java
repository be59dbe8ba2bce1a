package dev.slipway.deploy.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SafeZipTest {

    @TempDir
    Path tmp;

    @Test
    void extractsFilesAndFolders() throws IOException {
        Path zip = write(Zips.of(Map.of("index.html", "<h1>hi</h1>", "assets/app.css", "body{}")));

        SafeZip.extract(zip, tmp.resolve("out"));

        assertThat(tmp.resolve("out/index.html")).hasContent("<h1>hi</h1>");
        assertThat(tmp.resolve("out/assets/app.css")).hasContent("body{}");
    }

    @Test
    void entryClimbingOutOfTheFolderFailsAndWritesNothingOutside() throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("index.html", "ok");
        entries.put("assets/../../evil.txt", "pwned");
        Path zip = write(Zips.of(entries));

        assertThatThrownBy(() -> SafeZip.extract(zip, tmp.resolve("out")))
                .isInstanceOf(DeployException.class)
                .hasMessageContaining("'assets/../../evil.txt' escapes the release directory");
        assertThat(tmp.resolve("evil.txt")).doesNotExist();
    }

    @Test
    void absoluteEntryFails() throws IOException {
        Path outside = tmp.resolve("outside.txt");
        Path zip = write(Zips.of(Map.of(outside.toString(), "pwned")));

        assertThatThrownBy(() -> SafeZip.extract(zip, tmp.resolve("out")))
                .isInstanceOf(DeployException.class).hasMessageContaining("escapes the release directory");
        assertThat(outside).doesNotExist();
    }

    @Test
    void bytesThatAreNotAZipFail() throws IOException {
        Path notZip = Files.writeString(tmp.resolve("a.zip"), "<html>not a zip</html>", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> SafeZip.extract(notZip, tmp.resolve("out")))
                .isInstanceOf(DeployException.class).hasMessageContaining("not a readable zip archive");
    }

    private Path write(byte[] zip) throws IOException {
        return Files.write(Files.createTempFile(tmp, "artifact", ".zip"), zip);
    }
}
