package dev.slipway.ingest.domain;

/** Input that cannot be accepted; {@link #field()} names the part that is wrong. */
public class InvalidInputException extends RuntimeException {
    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
