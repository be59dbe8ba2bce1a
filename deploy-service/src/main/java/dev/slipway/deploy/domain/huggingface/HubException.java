package dev.slipway.deploy.domain.huggingface;

import dev.slipway.deploy.domain.DeployException;

/**
 * The Hugging Face Hub refused a request or could not be reached. The message names the operation, the Space, the
 * HTTP status and the Hub's own {@code error} text; it never holds the token.
 */
public class HubException extends DeployException {
    private final String operation;
    private final String space;
    private final int status;
    private final boolean permanent;

    public HubException(String operation, String space, int status, boolean permanent, String reason) {
        super(message(operation, space, status, reason));
        this.operation = operation;
        this.space = space;
        this.status = status;
        this.permanent = permanent;
    }

    public HubException(String operation, String space, String reason, Throwable cause) {
        super(message(operation, space, 0, reason), cause);
        this.operation = operation;
        this.space = space;
        this.status = 0;
        this.permanent = false;
    }

    /** e.g. {@code commit files}, {@code read the runtime}. */
    public String operation() {
        return operation;
    }

    public String space() {
        return space;
    }

    /** The HTTP status the Hub answered with; 0 when it did not answer. */
    public int status() {
        return status;
    }

    /** Whether trying again cannot help (a 4xx, or a request Slipway cannot make): fix the config or the release. */
    public boolean permanent() {
        return permanent;
    }

    private static String message(String operation, String space, int status, String reason) {
        return "huggingface: " + space + ": cannot " + operation + (status > 0 ? " (HTTP " + status + ")" : "")
                + ": " + reason;
    }
}
