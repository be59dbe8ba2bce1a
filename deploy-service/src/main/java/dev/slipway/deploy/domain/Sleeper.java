package dev.slipway.deploy.domain;

import java.time.Duration;

/** Waiting between attempts and polls of a remote platform; tests pass one that does not wait. */
@FunctionalInterface
public interface Sleeper {
    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
