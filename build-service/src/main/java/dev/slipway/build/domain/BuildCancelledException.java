package dev.slipway.build.domain;

/**
 * The build was stopped from outside (shutdown, another worker took it over, or a newer commit for its preview
 * environment cancelled it); the worker reports no result: whoever stopped it recorded what happened.
 */
public class BuildCancelledException extends RuntimeException {
    public BuildCancelledException(String message) {
        super(message);
    }
}
