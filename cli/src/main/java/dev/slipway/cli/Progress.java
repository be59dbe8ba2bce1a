package dev.slipway.cli;

import java.io.PrintStream;
import java.time.Duration;

/** Prints the steps of a long operation as they finish, with how long each took. */
public final class Progress {
    private final PrintStream out;

    public Progress(PrintStream out) {
        this.out = out;
    }

    void done(String what, Duration took) {
        out.printf("  ✓ %-58s %6.1f s%n", what, took.toMillis() / 1000.0);
        out.flush();
    }

    void info(String line) {
        out.println(line);
        out.flush();
    }
}
