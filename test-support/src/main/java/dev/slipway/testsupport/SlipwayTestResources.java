package dev.slipway.testsupport;

import dev.slipway.localinfra.LocalPostgres;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points a service under test at the JVM's shared real broker and database. Each service keeps its own
 * schema in the test database, as in production.
 */
public class SlipwayTestResources implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        LocalPostgres pg = SharedInfrastructure.postgres();
        return Map.of(
                "slipway.messaging.bootstrap-servers", SharedInfrastructure.kafka().bootstrapServers(),
                "quarkus.datasource.jdbc.url", pg.jdbcUrl(SharedInfrastructure.TEST_DATABASE),
                "quarkus.datasource.username", pg.user(),
                "quarkus.datasource.password", pg.password(),
                "quarkus.flyway.clean-at-start", "true",
                "quarkus.flyway.clean-disabled", "false");
    }

    @Override
    public void stop() {
        // The broker and database outlive a single Quarkus application: they are shared per JVM.
    }
}
