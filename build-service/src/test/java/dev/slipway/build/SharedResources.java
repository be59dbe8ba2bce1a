package dev.slipway.build;

import dev.slipway.testsupport.SlipwayTestResources;
import io.quarkus.test.common.QuarkusTestResource;

/**
 * Every test of this module runs against the JVM's one real broker and database, and (unless its profile
 * leaves the global resources out) sets its commit statuses on the GitHub stand-in and has a container engine
 * whose daemon does not run.
 */
@QuarkusTestResource(SlipwayTestResources.class)
@QuarkusTestResource(GitHubResource.class)
@QuarkusTestResource(EngineWithoutDaemonResource.class)
public class SharedResources {
}
