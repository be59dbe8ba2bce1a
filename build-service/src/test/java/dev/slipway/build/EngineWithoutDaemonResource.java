package dev.slipway.build;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Gives the tests of the default profile a container engine whose daemon does not run
 * ({@link FakeContainerEngine#installWithoutDaemon}), whatever the machine running them has: a build there never
 * builds or pushes an image for real, and a test of the path without an engine sees the same answer everywhere.
 */
public class EngineWithoutDaemonResource implements QuarkusTestResourceLifecycleManager {
    /** Relative to the module, where the tests run. */
    static final Path ENGINE_DIR = Path.of("target/engine-without-daemon");

    @Override
    public Map<String, String> start() {
        try {
            FakeContainerEngine engine = FakeContainerEngine.installWithoutDaemon(ENGINE_DIR);
            return Map.of("slipway.build.container-engine", engine.script().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the engine without a daemon to " + ENGINE_DIR, e);
        }
    }

    @Override
    public void stop() {
    }
}
