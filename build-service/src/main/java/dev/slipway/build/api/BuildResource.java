package dev.slipway.build.api;

import dev.slipway.platform.api.ApiError;
import dev.slipway.platform.api.ListLimit;
import dev.slipway.build.persistence.BuildComponent;
import dev.slipway.build.persistence.BuildJob;
import dev.slipway.build.persistence.BuildStep;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Locale;

/** Builds, their steps and their logs (FR-014), read-only. */
@Path("/api/builds")
@Produces(MediaType.APPLICATION_JSON)
public class BuildResource {
    @GET
    public List<BuildViews.BuildSummary> builds(@QueryParam("app") String app, @QueryParam("limit") String limit) {
        return BuildJob.newest(app == null || app.isBlank() ? null : app, ListLimit.parse(limit)).stream()
                .map(BuildViews.BuildSummary::of).toList();
    }

    @GET
    @Path("{number}")
    public BuildViews.BuildDetail build(@PathParam("number") String number) {
        BuildJob job = find(number);
        return BuildViews.BuildDetail.of(job, BuildStep.ofBuild(job.number), BuildComponent.ofBuild(job.number));
    }

    /** Every step's output in order, each under a line naming the step and how it ended. */
    @GET
    @Path("{number}/log")
    @Produces(MediaType.TEXT_PLAIN)
    public String log(@PathParam("number") String number) {
        BuildJob job = find(number);
        StringBuilder text = new StringBuilder();
        for (BuildStep step : BuildStep.ofBuild(job.number)) {
            text.append("=== ").append(step.component == null ? "" : step.component + " ").append(step.step)
                    .append(": ").append(step.status.name().toLowerCase(Locale.ROOT));
            if (step.exitCode != null) {
                text.append(", exit code ").append(step.exitCode);
            }
            if (step.duration != null) {
                text.append(", ").append(step.duration.toMillis()).append(" ms");
            }
            text.append(" ===\n").append(step.log);
            if (!step.log.isEmpty() && !step.log.endsWith("\n")) {
                text.append('\n');
            }
        }
        return text.toString();
    }

    private static BuildJob find(String number) {
        long n;
        try {
            n = Long.parseLong(number);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("a build number is a whole number, got '" + number + "'");
        }
        BuildJob job = BuildJob.findById(n);
        if (job == null) {
            throw ApiError.notFound("no build " + n);
        }
        return job;
    }
}
