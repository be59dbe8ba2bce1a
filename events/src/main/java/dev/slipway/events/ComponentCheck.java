package dev.slipway.events;

/** The health check of one deployed component, as verify-service should run it. */
public record ComponentCheck(String component, String url, int expectedStatus) {
}
