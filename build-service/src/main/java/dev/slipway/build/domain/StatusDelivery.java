package dev.slipway.build.domain;

/** Where a queued commit status is on its way to GitHub. */
public enum StatusDelivery {
    /** Waiting to be sent, or to be tried again. */
    QUEUED,
    SENT,
    /** GitHub refused it, or did not take it within the attempts allowed. */
    FAILED
}
