package dev.slipway.verify.api;

import dev.slipway.verify.domain.RunResult;
import dev.slipway.verify.domain.RunStatus;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A health-check run as {@code GET /api/health-runs} shows it.
 *
 * @param status      CHECKING (first check), BAKING (checked again every bake interval until {@code bakeUntil}),
 *                    PASSED, FAILED or SUPERSEDED (its release stopped being live first; nothing was emitted)
 * @param result      null until the run concluded (PASSED or FAILED)
 * @param causationId the DeploySucceeded the run answers
 * @param bakeUntil   the end of the bake window: the run passes with a passing check at or after it
 * @param nextCheckAt when the run is due to be checked again; null once it ended
 * @param checksRun   how many checks of the release concluded (each checks every component)
 */
public record HealthRunView(long id, String app, String environment, long version, RunStatus status,
                            RunResult result, String correlationId, String causationId, String commitSha,
                            OffsetDateTime createdAt, OffsetDateTime startedAt, OffsetDateTime finishedAt,
                            OffsetDateTime bakeUntil, OffsetDateTime nextCheckAt, int checksRun,
                            List<Check> checks) {

    /**
     * A component check as last seen.
     *
     * @param passed   null while the check is still being attempted
     * @param round    which of the run's checks (1 .. checksRun, or the one under way) the observation and the
     *                 attempts are from; 0 before the first
     * @param output   the start of the last answer's body, null when no answer came
     * @param attempts the attempts of check {@code round}
     */
    public record Check(String component, String url, int expectedStatus, Boolean passed, Integer httpStatus,
                        Long latencyMs, String error, String output, int round, List<Attempt> attempts) {
    }

    public record Attempt(int attempt, OffsetDateTime startedAt, Integer httpStatus, long latencyMs, String error,
                          boolean passed, String output) {
    }
}
