package dev.slipway.cli;

/**
 * Where the services answer. Defaults are the ports {@code ./slipway up} uses; {@code SLIPWAY_INGEST_URL},
 * {@code SLIPWAY_BUILD_URL}, {@code SLIPWAY_DEPLOY_URL} and {@code SLIPWAY_KAFKA_BOOTSTRAP_SERVERS} point the CLI elsewhere.
 */
final class Endpoints {
    private Endpoints() {
    }

    static String ingest() {
        return env("SLIPWAY_INGEST_URL", "http://127.0.0.1:" + ServicePorts.DEFAULT.ingest());
    }

    static String build() {
        return env("SLIPWAY_BUILD_URL", "http://127.0.0.1:" + ServicePorts.DEFAULT.build());
    }

    static String deploy() {
        return env("SLIPWAY_DEPLOY_URL", "http://127.0.0.1:" + ServicePorts.DEFAULT.deploy());
    }

    static String kafka() {
        return env("SLIPWAY_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + ServicePorts.DEFAULT.kafka());
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.replaceAll("/+$", "");
    }
}
