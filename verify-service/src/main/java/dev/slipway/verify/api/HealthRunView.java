package dev.slipway.verify.api;

import dev.slipway.verify.domain.RunResult;
import dev.slipway.verify.domain.RunStatus;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A health-check run as {@code GET /api/health-runs} shows it.
 *
 * @param causationId the DeploySucceeded the run answers
 * @param result      null until the run is done
 */
public record HealthRunView(long id, String app, String environment, long version, RunStatus status,
                            RunResult result, String correlationId, String causationId, String commitSha,
                            OffsetDateTime createdAt, OffsetDateTime startedAt, OffsetDateTime finishedAt,
                            List<Check> checks) {

    /** @param passed null while the check is still being attempted */
    public record Check(String component, String url, int expectedStatus, Boolean passed, Integer httpStatus,
                        Long latencyMs, String error, List<Attempt> attempts) {
    }

    public record Attempt(int attempt, OffsetDateTime startedAt, Integer httpStatus, long latencyMs, String error,
                          boolean passed) {
    }
}
