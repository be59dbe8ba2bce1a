package dev.slipway.verify.api;

import dev.slipway.platform.api.ListLimit;
import dev.slipway.verify.persistence.HealthCheck;
import dev.slipway.verify.persistence.HealthCheckAttempt;
import dev.slipway.verify.persistence.HealthRun;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Read-only history of health-check runs, newest first, with each component check's attempts in its latest check. */
@Path("/api/health-runs")
@Produces(MediaType.APPLICATION_JSON)
public class HealthRunResource {

    @GET
    public List<HealthRunView> list(@QueryParam("app") String app, @QueryParam("environment") String environment,
                                    @QueryParam("limit") String limit) {
        List<HealthRun> runs = HealthRun.newest(blankToNull(app), blankToNull(environment), ListLimit.parse(limit));
        Map<Long, List<HealthCheck>> checksByRun = HealthCheck.ofRuns(runs.stream().map(r -> r.id).toList())
                .stream().collect(Collectors.groupingBy(c -> c.runId));
        Map<Long, List<HealthCheckAttempt>> attemptsByCheck = HealthCheckAttempt.latestOfChecks(
                        checksByRun.values().stream().flatMap(List::stream).map(c -> c.id).toList())
                .stream().collect(Collectors.groupingBy(a -> a.checkId));
        return runs.stream().map(run -> new HealthRunView(run.id, run.app, run.environment, run.version, run.status,
                run.result, run.correlationId, run.causeEventId, run.commitSha, run.createdAt, run.startedAt,
                run.finishedAt, run.bakeUntil, run.nextCheckAt, run.checksRun,
                checksByRun.getOrDefault(run.id, List.of()).stream()
                .map(check -> view(check, attemptsByCheck.getOrDefault(check.id, List.of()))).toList())).toList();
    }

    private static HealthRunView.Check view(HealthCheck check, List<HealthCheckAttempt> attempts) {
        return new HealthRunView.Check(check.component, check.url, check.expectedStatus, check.passed,
                check.httpStatus, check.latencyMs, check.error, check.output, check.checkRound, attempts.stream()
                .map(a -> new HealthRunView.Attempt(a.attempt, a.startedAt, a.httpStatus, a.latencyMs, a.error, a.passed,
                        a.output))
                .toList());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
