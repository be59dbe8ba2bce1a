package dev.slipway.build.api;

import dev.slipway.build.persistence.BuildJob;
import dev.slipway.build.persistence.BuildStep;

import java.util.ArrayList;
import java.util.List;

/**
 * What someone following a build's log has not seen yet, worked out poll by poll from the stored steps: each
 * step's name as it starts, its output line by line as it is stored, and the build's status once it ended.
 * Each poll runs in a transaction of its own.
 */
final class LogFollower {

    /** @param name null for a line of output */
    record Event(String name, String data) {
    }

    /** @param ended the build is over and {@code events} ends with its status: nothing more will come */
    record Update(List<Event> events, boolean ended) {
    }

    private final long number;
    private int attempt = -1;
    /** Where to look for the step being followed; the steps before it were sent in full. */
    private int position;
    private Long following;
    /** What of the followed step's log was sent: whole lines while it runs, all of it once it ended. */
    private String sent = "";

    LogFollower(long number) {
        this.number = number;
    }

    Update poll() {
        BuildJob job = BuildJob.findById(number);
        List<Event> events = new ArrayList<>();
        if (job.attempts != attempt) {
            // a build requeued after its worker went silent starts over; the steps of the lost attempt are gone
            if (following != null) {
                events.add(new Event(null, "[build-service lost the worker of this build; the build starts over]"));
            }
            attempt = job.attempts;
            position = 0;
            following = null;
            sent = "";
        }
        // read after the build: steps end before their build does, so a build seen ended has all its steps final
        for (BuildStep step : BuildStep.<BuildStep>list("buildNumber = ?1 and position >= ?2 order by position",
                number, position)) {
            if (!step.id.equals(following)) {
                events.add(new Event("step", step.component == null ? step.step : step.component + " " + step.step));
                following = step.id;
                position = step.position;
                sent = "";
            }
            events.addAll(newLines(step));
            if (step.status.isTerminal()) {
                position = step.position + 1;
            }
        }
        if (job.status.isTerminal()) {
            events.add(new Event("end", job.status.name()));
        }
        return new Update(events, job.status.isTerminal());
    }

    private List<Event> newLines(BuildStep step) {
        List<Event> events = new ArrayList<>();
        if (!step.log.startsWith(sent)) {
            // the final log replaced the one stored while the step ran: cut to its end, or the step broke
            events.add(new Event(null, "[the log of this step was replaced when it ended; all of it follows]"));
            sent = "";
        }
        String fresh = step.log.substring(sent.length());
        String text = step.status.isTerminal() ? fresh : fresh.substring(0, fresh.lastIndexOf('\n') + 1);
        sent += text;
        if (text.isEmpty()) {
            return events;
        }
        String[] lines = (text.endsWith("\n") ? text.substring(0, text.length() - 1) : text).split("\n", -1);
        for (String line : lines) {
            events.add(new Event(null, line.endsWith("\r") ? line.substring(0, line.length() - 1) : line));
        }
        return events;
    }
}
