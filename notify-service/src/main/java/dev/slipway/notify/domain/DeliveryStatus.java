package dev.slipway.notify.domain;

/** Where a delivery of one message to one channel stands. */
public enum DeliveryStatus {
    PENDING,
    DELIVERED,
    FAILED;

    public boolean isTerminal() {
        return this != PENDING;
    }
}
