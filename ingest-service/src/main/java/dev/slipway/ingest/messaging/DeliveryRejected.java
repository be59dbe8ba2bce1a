package dev.slipway.ingest.messaging;

/** A delivery that is answered with an error and leaves no trace; {@link #httpStatus()} says which. */
public class DeliveryRejected extends RuntimeException {
    private final int httpStatus;

    public DeliveryRejected(int httpStatus, String message) {
        super(message);
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
