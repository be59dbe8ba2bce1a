package dev.slipway.deploy.domain;

import dev.slipway.events.CheckObservation;

import java.util.List;
import java.util.stream.Collectors;

/** One line per health check, for people reading a deployment's history. */
public final class HealthSummary {

    private HealthSummary() {
    }

    public static String of(List<CheckObservation> observations) {
        if (observations.isEmpty()) {
            return "no checks";
        }
        return observations.stream().map(HealthSummary::line).collect(Collectors.joining("\n"));
    }

    private static String line(CheckObservation o) {
        String outcome = o.passed()
                ? "passed (" + o.status() + (o.latency() == null ? "" : " in " + o.latency().toMillis() + " ms") + ")"
                : "failed: " + (o.error() == null ? "status " + o.status() : o.error());
        return o.component() + " " + o.url() + " " + outcome + " after " + o.attempts()
                + (o.attempts() == 1 ? " attempt" : " attempts");
    }
}
