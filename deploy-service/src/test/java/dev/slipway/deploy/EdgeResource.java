package dev.slipway.deploy;

import dev.slipway.edge.Edge;
import dev.slipway.edge.EdgeSettings;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * The real edge, once per test JVM: it runs every release's processes in blue/green slots and serves the
 * environments the tests fetch. In process, on free ports, with its own data directory.
 */
public class EdgeResource implements QuarkusTestResourceLifecycleManager {
    public static final String PUBLIC_URL_PROPERTY = "slipway.deploy.edge.public-url";
    private Edge edge;

    @Override
    public Map<String, String> start() {
        try {
            edge = Edge.start(new EdgeSettings(EdgeSettings.LOOPBACK, 0, 0,
                    Files.createTempDirectory("slipway-deploy-test-edge-"), EdgeSettings.DEFAULT_STOP_TIMEOUT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("slipway.deploy.edge.admin-url", edge.adminUrl().toString(),
                PUBLIC_URL_PROPERTY, edge.publicUrl().toString());
    }

    @Override
    public void stop() {
        if (edge != null) {
            edge.close();
        }
    }
}
