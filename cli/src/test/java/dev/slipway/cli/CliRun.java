package dev.slipway.cli;

import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/**
 * Runs one command as {@code slipway} does (errors as {@code error: …} with their exit code) and keeps everything
 * it printed: its own output and error streams, and anything written to System.out or System.err meanwhile.
 */
record CliRun(int exitCode, String out, String err) {

    /** Everything printed, wherever. */
    String all() {
        return out + err;
    }

    static synchronized CliRun of(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream stray = new ByteArrayOutputStream();
        PrintStream systemOut = System.out;
        PrintStream systemErr = System.err;
        PrintStream capture = new PrintStream(stray, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        int code;
        try {
            code = Main.configure(new CommandLine(command)).setOut(new PrintWriter(out, true))
                    .setErr(new PrintWriter(err, true)).execute(args);
        } finally {
            System.setOut(systemOut);
            System.setErr(systemErr);
        }
        return new CliRun(code, out + stray.toString(StandardCharsets.UTF_8), err.toString());
    }
}
