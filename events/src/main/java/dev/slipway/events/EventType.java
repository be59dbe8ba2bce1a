package dev.slipway.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every event type Slipway emits, the CloudEvents type string and the topic it travels on.
 * Type strings are built here and nowhere else. A breaking change is a new {@code .vN} type.
 */
public enum EventType {
    PUSH_RECEIVED("ingest", "push-received", Topics.INGEST, PushReceived.class),
    BRANCH_DELETED("ingest", "branch-deleted", Topics.INGEST, BranchDeleted.class),
    PULL_REQUEST_CLOSED("ingest", "pull-request-closed", Topics.INGEST, PullRequestClosed.class),
    BUILD_STARTED("build", "started", Topics.BUILD, BuildStarted.class),
    BUILD_SUCCEEDED("build", "succeeded", Topics.BUILD, BuildSucceeded.class),
    BUILD_FAILED("build", "failed", Topics.BUILD, BuildFailed.class),
    BUILD_CANCELLED("build", "cancelled", Topics.BUILD, BuildCancelled.class),
    DEPLOY_REQUESTED("deploy", "requested", Topics.DEPLOY, DeployRequested.class),
    DEPLOY_WAITING("deploy", "waiting", Topics.DEPLOY, DeployWaiting.class),
    DEPLOY_STARTED("deploy", "started", Topics.DEPLOY, DeployStarted.class),
    DEPLOY_SUCCEEDED("deploy", "succeeded", Topics.DEPLOY, DeploySucceeded.class),
    DEPLOY_FAILED("deploy", "failed", Topics.DEPLOY, DeployFailed.class),
    DEPLOY_SUPERSEDED("deploy", "superseded", Topics.DEPLOY, DeploySuperseded.class),
    ROLLBACK_REQUESTED("ops", "rollback-requested", Topics.OPS, RollbackRequested.class),
    PROMOTE_REQUESTED("ops", "promote-requested", Topics.OPS, PromoteRequested.class),
    ROLLBACK_STARTED("deploy", "rollback-started", Topics.DEPLOY, RollbackStarted.class),
    ROLLBACK_COMPLETED("deploy", "rollback-completed", Topics.DEPLOY, RollbackCompleted.class),
    ROLLBACK_FAILED("deploy", "rollback-failed", Topics.DEPLOY, RollbackFailed.class),
    PROMOTE_REFUSED("deploy", "promote-refused", Topics.DEPLOY, PromoteRefused.class),
    ENVIRONMENT_TORN_DOWN("deploy", "environment-torn-down", Topics.DEPLOY, EnvironmentTornDown.class),
    HEALTH_PASSED("verify", "health-passed", Topics.VERIFY, HealthPassed.class),
    HEALTH_FAILED("verify", "health-failed", Topics.VERIFY, HealthFailed.class);

    private final String type;
    private final String topic;
    private final Class<? extends PipelineEvent> dataClass;

    EventType(String stage, String what, String topic, Class<? extends PipelineEvent> dataClass) {
        this.type = "dev.slipway." + stage + "." + what + ".v1";
        this.topic = topic;
        this.dataClass = dataClass;
    }

    public String type() {
        return type;
    }

    public String topic() {
        return topic;
    }

    public Class<? extends PipelineEvent> dataClass() {
        return dataClass;
    }

    public static Optional<EventType> fromType(String type) {
        return Arrays.stream(values()).filter(t -> t.type.equals(type)).findFirst();
    }

    public static EventType of(Class<?> dataClass) {
        return Arrays.stream(values()).filter(t -> t.dataClass.equals(dataClass)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a registered event: " + dataClass.getName()));
    }
}
