package dev.slipway.build;

import dev.slipway.testsupport.SlipwayTestResources;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * build-service with {@link FakeContainerEngine} as its container engine, and without the GitHub stand-in: no
 * GitHub token is configured here, so builds set no commit statuses and their logs say so.
 */
public class FakeEngineProfile implements QuarkusTestProfile {
    /** Relative to the module, where the tests run. */
    static final Path ENGINE_DIR = Path.of("target/fake-engine");

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("slipway.build.container-engine", ENGINE_DIR.resolve("docker").toAbsolutePath().toString());
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(SlipwayTestResources.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
