package dev.slipway.notify.messaging;

/** Fired when deliveries were recorded; observed after commit to wake the workers instead of waiting for their poll. */
public record DeliveryRecorded(String eventId) {
}
