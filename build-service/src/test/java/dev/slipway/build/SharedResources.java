package dev.slipway.build;

import dev.slipway.testsupport.SlipwayTestResources;
import io.quarkus.test.common.QuarkusTestResource;

/** Every test of this module runs against the JVM's one real broker and database. */
@QuarkusTestResource(SlipwayTestResources.class)
public class SharedResources {
}
