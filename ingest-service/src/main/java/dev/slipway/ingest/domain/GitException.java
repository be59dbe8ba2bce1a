package dev.slipway.ingest.domain;

/** git could not fetch the repository or read the commit; worth retrying later, unlike a bad payload. */
public class GitException extends Exception {

    public GitException(String message) {
        super(message);
    }

    public GitException(String message, Throwable cause) {
        super(message, cause);
    }
}
