package dev.slipway.verify.api;

import dev.slipway.verify.persistence.HealthCheck;
import dev.slipway.verify.persistence.HealthCheckAttempt;
import dev.slipway.verify.persistence.HealthRun;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Read-only history of health-check runs, newest first, with each check's attempts. */
@Path("/api/health-runs")
@Produces(MediaType.APPLICATION_JSON)
public class HealthRunResource {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 200;

    @GET
    public List<HealthRunView> list(@QueryParam("app") String app, @QueryParam("environment") String environment,
                                    @QueryParam("limit") String limit) {
        List<HealthRun> runs = HealthRun.newest(blankToNull(app), blankToNull(environment), parseLimit(limit));
        Map<Long, List<HealthCheck>> checksByRun = HealthCheck.ofRuns(runs.stream().map(r -> r.id).toList())
                .stream().collect(Collectors.groupingBy(c -> c.runId));
        Map<Long, List<HealthCheckAttempt>> attemptsByCheck = HealthCheckAttempt.ofChecks(
                        checksByRun.values().stream().flatMap(List::stream).map(c -> c.id).toList())
                .stream().collect(Collectors.groupingBy(a -> a.checkId));
        return runs.stream().map(run -> new HealthRunView(run.id, run.app, run.environment, run.version, run.status,
                run.result, run.correlationId, run.causeEventId, run.commitSha, run.createdAt, run.startedAt,
                run.finishedAt, checksByRun.getOrDefault(run.id, List.of()).stream()
                .map(check -> view(check, attemptsByCheck.getOrDefault(check.id, List.of()))).toList())).toList();
    }

    private static HealthRunView.Check view(HealthCheck check, List<HealthCheckAttempt> attempts) {
        return new HealthRunView.Check(check.component, check.url, check.expectedStatus, check.passed,
                check.httpStatus, check.latencyMs, check.error, attempts.stream()
                .map(a -> new HealthRunView.Attempt(a.attempt, a.startedAt, a.httpStatus, a.latencyMs, a.error, a.passed))
                .toList());
    }

    static int parseLimit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit.strip());
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below with the same message as an out-of-range number
        }
        throw new BadRequestException(Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError("limit must be a whole number from 1 to " + MAX_LIMIT + ", got '" + limit + "'"))
                .build());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
