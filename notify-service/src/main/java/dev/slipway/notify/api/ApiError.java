package dev.slipway.notify.api;

/** The body of a 4xx answer: what was wrong with the request. */
public record ApiError(String error) {
}
