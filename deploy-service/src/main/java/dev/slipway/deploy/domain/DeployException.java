package dev.slipway.deploy.domain;

/** A deploy cannot go on; the message is the reason reported in DeployFailed. */
public class DeployException extends RuntimeException {

    public DeployException(String reason) {
        super(reason);
    }

    public DeployException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
