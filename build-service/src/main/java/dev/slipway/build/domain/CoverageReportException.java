package dev.slipway.build.domain;

/** A coverage report that cannot be read; the message says what is wrong with it. */
public class CoverageReportException extends Exception {
    public CoverageReportException(String message) {
        super(message);
    }

    public CoverageReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
