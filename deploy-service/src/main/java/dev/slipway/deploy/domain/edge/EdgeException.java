package dev.slipway.deploy.domain.edge;

/** The edge refused a request or could not be reached; the message says which and why. */
public class EdgeException extends RuntimeException {
    private final int status;

    public EdgeException(int status, String message) {
        super(message);
        this.status = status;
    }

    public EdgeException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    /** The HTTP status the edge answered with; 0 when it did not answer. */
    public int status() {
        return status;
    }
}
