package dev.slipway.build.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Which commit statuses a build sets on GitHub, and what they say (FR-002, US3). {@code slipway/build} is the
 * whole build: pending once it starts, then success, failure, or error when it could not run; it is the one to
 * require in branch protection, since it exists whatever components a commit declares. Each component has its
 * own {@code slipway/<component>}: pending once {@code slipway.yml} is read, success as soon as the component
 * passed, failure naming what stopped it. Whatever is still pending when a build ends is resolved, so no commit
 * is left waiting forever: components the build never reached and builds cancelled by a newer commit get
 * {@code error}, GitHub's state for "did not run to a verdict", which keeps a merge blocked until a build of the
 * newer commit reports.
 */
public final class StatusPlan {

    private StatusPlan() {
    }

    public static CommitStatus started(long number, String targetUrl) {
        return new CommitStatus(CommitStatus.BUILD_CONTEXT, CommitState.PENDING, "build #" + number + " is running", targetUrl);
    }

    public static List<CommitStatus> configured(long number, List<String> components, String targetUrl) {
        return components.stream().map(c -> new CommitStatus(CommitStatus.contextOf(c), CommitState.PENDING,
                "build #" + number + " is testing and building " + c, targetUrl)).toList();
    }

    public static CommitStatus componentBuilt(ComponentResult component, String targetUrl) {
        List<String> parts = new ArrayList<>();
        parts.add(component.tested() ? "tests passed" : "built (no tests declared)");
        if (component.coverage() != null) {
            parts.add("coverage " + number(component.coverage()) + " %");
        }
        if (component.image() != null) {
            parts.add("image pushed");
        }
        return new CommitStatus(CommitStatus.contextOf(component.name()), CommitState.SUCCESS, String.join(", ", parts), targetUrl);
    }

    /**
     * @param open the contexts of the build still pending, in the order they were set
     */
    public static List<CommitStatus> finished(long number, BuildOutcome outcome, List<String> open, String targetUrl) {
        List<CommitStatus> statuses = new ArrayList<>();
        if (outcome instanceof BuildOutcome.Succeeded succeeded) {
            int count = succeeded.components().size();
            statuses.add(new CommitStatus(CommitStatus.BUILD_CONTEXT, CommitState.SUCCESS, "build #" + number + " passed: "
                    + count + (count == 1 ? " component" : " components") + " tested and built", targetUrl));
            return statuses;
        }
        BuildOutcome.Failed failed = (BuildOutcome.Failed) outcome;
        if (failed.component() == null) {
            // clone or config: the commit could not be built at all
            statuses.add(new CommitStatus(CommitStatus.BUILD_CONTEXT, CommitState.ERROR, failed.step().id() + ": "
                    + failed.reason(), targetUrl));
            open.stream().filter(c -> !c.equals(CommitStatus.BUILD_CONTEXT))
                    .forEach(c -> statuses.add(new CommitStatus(c, CommitState.ERROR, failed.reason(), targetUrl)));
            return statuses;
        }
        String what = componentFailure(failed);
        String failing = CommitStatus.contextOf(failed.component());
        statuses.add(new CommitStatus(failing, CommitState.FAILURE, what, targetUrl));
        for (String context : open) {
            if (!context.equals(failing) && !context.equals(CommitStatus.BUILD_CONTEXT)) {
                statuses.add(new CommitStatus(context, CommitState.ERROR, "not built: the build stopped at "
                        + failed.component() + " (" + failed.step().id() + ")", targetUrl));
            }
        }
        statuses.add(new CommitStatus(CommitStatus.BUILD_CONTEXT, CommitState.FAILURE, failed.component() + " "
                + failed.step().id() + ": " + what, targetUrl));
        return statuses;
    }

    /** A build a newer commit replaced: everything it left pending says so. */
    public static List<CommitStatus> cancelled(String supersededBy, List<String> open, String targetUrl) {
        return open.stream().map(c -> new CommitStatus(c, CommitState.ERROR, "superseded by " + shortSha(supersededBy),
                targetUrl)).toList();
    }

    /** A build that could not be carried to an end (its worker was lost twice). */
    public static List<CommitStatus> stopped(String reason, List<String> open, String targetUrl) {
        return open.stream().map(c -> new CommitStatus(c, CommitState.ERROR, reason, targetUrl)).toList();
    }

    /** What stopped a component, without its name: the failure's summary, else its reason. */
    static String componentFailure(BuildOutcome.Failed failed) {
        if (failed.summary() != null) {
            return failed.summary();
        }
        String prefix = failed.step().id() + " of " + failed.component() + " ";
        return failed.reason().startsWith(prefix) ? failed.step().id() + " " + failed.reason().substring(prefix.length())
                : failed.reason();
    }

    public static String shortSha(String sha) {
        return sha.length() > 7 ? sha.substring(0, 7) : sha;
    }

    private static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
