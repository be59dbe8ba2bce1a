package dev.slipway.edge;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** An edge in this JVM on its own data directory, with a client for it. */
final class EdgeFixture implements AutoCloseable {
    final Path dir;
    final Path dataDir;
    final Edge edge;
    final EdgeClient client;

    private EdgeFixture(Path dir, Path dataDir, Edge edge, EdgeClient client) {
        this.dir = dir;
        this.dataDir = dataDir;
        this.edge = edge;
        this.client = client;
    }

    static EdgeFixture start(Path dir) throws IOException {
        return start(dir, dir.resolve("data"));
    }

    static EdgeFixture start(Path dir, Path dataDir) throws IOException {
        Edge edge = Edge.start(EdgeSettings.of(dataDir).withStopTimeout(Duration.ofSeconds(5)));
        return new EdgeFixture(dir, dataDir, edge, new EdgeClient(edge.publicUrl(), edge.adminUrl(),
                EdgeClient.serviceDir(dir)));
    }

    Path site(long version) throws IOException {
        return EdgeClient.site(dir, version);
    }

    @Override
    public void close() {
        edge.close();
    }
}
