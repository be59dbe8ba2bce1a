package dev.slipway.edge;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One file per environment, {@code state/{app}/{env}.json}. A file is replaced whole (written aside, synced, then
 * renamed over the old one), so a crash leaves either the old state or the new one, never half of one.
 */
final class StateStore {
    private static final System.Logger LOG = System.getLogger(StateStore.class.getName());

    private final Path dir;
    private final ObjectMapper json;

    StateStore(Path dir, ObjectMapper json) {
        this.dir = dir;
        this.json = json;
    }

    void save(StoredEnvironment environment) {
        Path file = file(environment.app(), environment.environment());
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), environment.environment() + ".", ".tmp");
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(environment)));
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the state of " + environment.app() + "/"
                    + environment.environment() + " to " + file + ": " + e.getMessage(), e);
        }
    }

    void delete(String app, String environment) {
        Path file = file(app, environment);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every environment stored; an unreadable file is reported and left alone, so the others still come back. */
    List<StoredEnvironment> loadAll() throws IOException {
        List<StoredEnvironment> environments = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return environments;
        }
        List<Path> files;
        try (Stream<Path> found = Files.find(dir, 2, (path, attributes) -> attributes.isRegularFile()
                && path.getFileName().toString().endsWith(".json"))) {
            files = found.sorted().toList();
        }
        for (Path file : files) {
            try {
                environments.add(json.readValue(file.toFile(), StoredEnvironment.class));
            } catch (IOException e) {
                LOG.log(System.Logger.Level.ERROR, "cannot read the state file " + file + ", leaving it out: "
                        + e.getMessage());
            }
        }
        return environments;
    }

    Path file(String app, String environment) {
        return dir.resolve(app).resolve(environment + ".json");
    }
}
