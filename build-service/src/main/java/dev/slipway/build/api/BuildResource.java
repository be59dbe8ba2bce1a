package dev.slipway.build.api;

import dev.slipway.platform.api.ApiError;
import dev.slipway.platform.api.ListLimit;
import dev.slipway.build.persistence.BuildComponent;
import dev.slipway.build.persistence.BuildJob;
import dev.slipway.build.persistence.BuildStep;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Builds, their steps and their logs (FR-014), read-only. */
@Path("/api/builds")
@Produces(MediaType.APPLICATION_JSON)
public class BuildResource {
    /** How often a followed log looks for new output; the worker stores it every 500 ms by default. */
    private static final Duration FOLLOW_POLL = Duration.ofMillis(200);

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

    /**
     * The log as it grows, as server-sent events (FR-014): what is stored so far, then each new line as it is
     * stored, one {@code data} event a line; an event {@code step} names each step as it starts, and {@code end}
     * carries the build's final status before the stream closes. Asked for with {@code ?follow=true}
     * ({@link LogFormat}).
     */
    @GET
    @Path("{number}/log")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    public Multi<OutboundSseEvent> followLog(@PathParam("number") String number, @Context Sse sse) {
        LogFollower follower = new LogFollower(find(number).number);
        return Uni.createFrom().item(() -> QuarkusTransaction.requiringNew().call(follower::poll))
                // polls are started from I/O threads (the subscription, the delay's timer), which must not block
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .repeat().withDelay(FOLLOW_POLL).whilst(update -> !update.ended())
                .onItem().transformToIterable(LogFollower.Update::events)
                .map(event -> event.name() == null ? sse.newEvent(event.data()) : sse.newEvent(event.name(), event.data()));
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
