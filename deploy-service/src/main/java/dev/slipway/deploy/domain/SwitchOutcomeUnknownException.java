package dev.slipway.deploy.domain;

/**
 * A switch got no answer and the target cannot say whether it happened. Not a {@link DeployException}: the
 * deployment or rollback must stay unsettled, to be settled by what the target serves once it answers, rather
 * than be recorded as failed while it may be live.
 */
public class SwitchOutcomeUnknownException extends RuntimeException {
    public SwitchOutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
