package dev.slipway.cli;

/** How a command prints its result: for people, or JSON for scripts. */
public enum OutputFormat {
    human, json
}
