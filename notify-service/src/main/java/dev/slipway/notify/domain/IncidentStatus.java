package dev.slipway.notify.domain;

/** Where an incident's report stands. */
public enum IncidentStatus {
    /** Opened; the report is built once it is due (after the settle delay). */
    REPORT_PENDING,
    /** The report is stored and its message recorded for every channel. */
    REPORTED;

    public boolean isTerminal() {
        return this == REPORTED;
    }
}
