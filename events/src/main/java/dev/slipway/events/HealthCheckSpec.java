package dev.slipway.events;

/** What a component's health check asks: GET {@code path} answers {@code expectedStatus}. */
public record HealthCheckSpec(String path, int expectedStatus) {
}
