package dev.slipway.platform.messaging;

import dev.slipway.testsupport.SlipwayTestResources;
import io.quarkus.test.common.QuarkusTestResource;

@QuarkusTestResource(SlipwayTestResources.class)
public class SharedResources {
}
