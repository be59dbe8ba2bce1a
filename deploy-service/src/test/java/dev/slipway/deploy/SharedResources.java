package dev.slipway.deploy;

import dev.slipway.testsupport.SlipwayTestResources;
import io.quarkus.test.common.QuarkusTestResource;

/**
 * Every test of this module runs against the JVM's one real broker and database, the real edge, and a real HTTP
 * server playing the build-service's artifact store.
 */
@QuarkusTestResource(SlipwayTestResources.class)
@QuarkusTestResource(EdgeResource.class)
@QuarkusTestResource(FakeBuildService.class)
public class SharedResources {
}
