package dev.slipway.build.domain;

/** The build was stopped from outside (shutdown, or another worker took it over); no result is reported. */
public class BuildCancelledException extends RuntimeException {
    public BuildCancelledException(String message) {
        super(message);
    }
}
