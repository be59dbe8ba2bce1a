package dev.slipway.build.messaging;

import dev.slipway.build.domain.BuildStatus;
import dev.slipway.build.domain.StepStatus;
import dev.slipway.build.persistence.BuildJob;
import dev.slipway.build.persistence.BuildStep;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A step's end is recorded only while its build still runs the attempt that ran it: a step that ends just as its
 * build is cancelled (or failed as stale, or requeued) keeps what the cancel recorded (US3).
 */
@QuarkusTest
class RunningStepUpdateTest {
    private static final String APP = "step-update";

    private record Rows(long number, long step) {
    }

    /** A build and one step of it, as the worker and a cancel leave them; no worker ever claims it. */
    private static Rows rows(BuildStatus build, int attempts, StepStatus step) {
        return QuarkusTransaction.requiringNew().call(() -> {
            OffsetDateTime now = OffsetDateTime.now();
            BuildJob job = new BuildJob();
            job.status = build;
            job.app = APP;
            job.environment = "preview-feature-z";
            job.preview = true;
            job.repository = "acme/" + APP;
            job.cloneUrl = "https://github.com/acme/" + APP + ".git";
            job.branch = "feature/z";
            job.commitSha = "9049f1265b7d61be4a8904a9a27120d2064dab3b";
            job.triggerEventId = UUID.randomUUID().toString();
            job.triggerSource = "/ingest-service";
            job.triggerTime = now;
            job.correlationId = UUID.randomUUID().toString();
            job.attempts = attempts;
            job.queuedAt = now;
            job.persist();
            BuildStep row = new BuildStep();
            row.buildNumber = job.number;
            row.position = 1;
            row.step = "test";
            row.component = "web";
            row.status = step;
            row.startedAt = now;
            row.persist();
            return new Rows(job.number, row.id);
        });
    }

    private static boolean finish(Rows rows, int attempt) {
        return QuarkusTransaction.requiringNew().call(() -> BuildWorker.updateRunningStep(rows.number(), attempt, rows.step(),
                row -> row.status = StepStatus.SUCCEEDED));
    }

    private static StepStatus stepStatus(Rows rows) {
        return QuarkusTransaction.requiringNew().call(() -> BuildStep.<BuildStep>findById(rows.step()).status);
    }

    @AfterEach
    void removeRows() {
        QuarkusTransaction.requiringNew().run(() -> BuildJob.delete("app", APP));
    }

    @Test
    @DisplayName("US3: a step that ends after its build was cancelled stays CANCELLED")
    void aCancelledStepKeepsItsCancel() {
        Rows rows = rows(BuildStatus.CANCELLED, 1, StepStatus.CANCELLED);

        assertThat(finish(rows, 1)).isFalse();
        assertThat(stepStatus(rows)).isEqualTo(StepStatus.CANCELLED);
    }

    @Test
    void aStepOfAnEarlierAttemptIsNotRecorded() {
        Rows rows = rows(BuildStatus.RUNNING, 2, StepStatus.RUNNING);

        assertThat(finish(rows, 1)).isFalse();
        assertThat(stepStatus(rows)).isEqualTo(StepStatus.RUNNING);
    }

    @Test
    void aStepAlreadyEndedIsNotRecordedAgain() {
        Rows rows = rows(BuildStatus.RUNNING, 1, StepStatus.FAILED);

        assertThat(finish(rows, 1)).isFalse();
        assertThat(stepStatus(rows)).isEqualTo(StepStatus.FAILED);
    }

    @Test
    void aRunningStepOfTheRunningAttemptIsRecorded() {
        Rows rows = rows(BuildStatus.RUNNING, 1, StepStatus.RUNNING);

        assertThat(finish(rows, 1)).isTrue();
        assertThat(stepStatus(rows)).isEqualTo(StepStatus.SUCCEEDED);
    }
}
