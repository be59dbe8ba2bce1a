package dev.slipway.build.domain;

import java.time.Duration;

/** Durations as people write them in {@code slipway.yml}: {@code 90s}, {@code 5m}, {@code 1h30m}. */
public final class Durations {

    private Durations() {
    }

    public static String format(Duration duration) {
        if (duration.toMillis() < 1000) {
            return duration.toMillis() + "ms";
        }
        StringBuilder text = new StringBuilder();
        if (duration.toHoursPart() > 0 || duration.toDays() > 0) {
            text.append(duration.toHours()).append('h');
        }
        if (duration.toMinutesPart() > 0) {
            text.append(duration.toMinutesPart()).append('m');
        }
        if (duration.toSecondsPart() > 0 || text.isEmpty()) {
            text.append(duration.toSecondsPart()).append('s');
        }
        return text.toString();
    }
}
