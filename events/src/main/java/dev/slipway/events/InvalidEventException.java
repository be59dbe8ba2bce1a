package dev.slipway.events;

/** A record that cannot be read as a Slipway event; it goes to the dead-letter topic with this message. */
public class InvalidEventException extends RuntimeException {
    public InvalidEventException(String message) {
        super(message);
    }
}
