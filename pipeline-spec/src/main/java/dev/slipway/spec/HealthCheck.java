package dev.slipway.spec;

public record HealthCheck(String path, int status) {
}
