package dev.slipway.events;

/**
 * Marker for the data of every pipeline event. Implementations are immutable records that carry
 * ids and facts, never mutable state; consumers reload what they own.
 */
public interface PipelineEvent {

    /** The application the event concerns; part of the CloudEvents subject and the record key. */
    String app();

    /** The environment the event concerns; part of the CloudEvents subject and the record key. */
    String environment();
}
