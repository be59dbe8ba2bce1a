package dev.slipway.notify.domain;

import dev.slipway.events.EventType;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a channel can be told about (FR-007), by the name its routing rules use ({@code deploy-succeeded}); each is one
 * event type. {@code rolled-back} and {@code rollback-failed} are announced by their incident report.
 */
public enum NotificationKind {
    BUILD_FAILED("build-failed", EventType.BUILD_FAILED),
    DEPLOY_STARTED("deploy-started", EventType.DEPLOY_STARTED),
    DEPLOY_SUCCEEDED("deploy-succeeded", EventType.DEPLOY_SUCCEEDED),
    DEPLOY_FAILED("deploy-failed", EventType.DEPLOY_FAILED),
    DEPLOY_WAITING("deploy-waiting", EventType.DEPLOY_WAITING),
    HEALTH_FAILED("health-failed", EventType.HEALTH_FAILED),
    ROLLED_BACK("rolled-back", EventType.ROLLBACK_COMPLETED),
    ROLLBACK_FAILED("rollback-failed", EventType.ROLLBACK_FAILED),
    ENVIRONMENT_TORN_DOWN("environment-torn-down", EventType.ENVIRONMENT_TORN_DOWN);

    private final String id;
    private final EventType eventType;

    NotificationKind(String id, EventType eventType) {
        this.id = id;
        this.eventType = eventType;
    }

    /** The name in configuration, in the webhook payload and in the {@code X-Slipway-Event} header. */
    public String id() {
        return id;
    }

    public EventType eventType() {
        return eventType;
    }

    /** @return empty for event types that are not announced */
    public static Optional<NotificationKind> of(EventType type) {
        return Arrays.stream(values()).filter(k -> k.eventType == type).findFirst();
    }

    /**
     * A kind by its name ({@code deploy-failed}) or by its event's CloudEvents type
     * ({@code dev.slipway.deploy.failed.v1}).
     *
     * @throws IllegalArgumentException naming the value and the kinds there are
     */
    public static NotificationKind parse(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        Optional<NotificationKind> byName = Arrays.stream(values()).filter(k -> k.id.equals(v)).findFirst();
        if (byName.isPresent()) {
            return byName.get();
        }
        Optional<EventType> type = EventType.fromType(value.strip());
        if (type.isPresent()) {
            return of(type.get()).orElseThrow(() -> new IllegalArgumentException(value.strip()
                    + " is an event type that is not announced; the kinds are " + names()));
        }
        throw new IllegalArgumentException("unknown kind '" + value.strip() + "'; the kinds are " + names()
                + " (or their event types, e.g. " + DEPLOY_SUCCEEDED.eventType.type() + ")");
    }

    /** {@code build-failed, deploy-started, …} */
    public static String names() {
        return Arrays.stream(values()).map(NotificationKind::id).collect(Collectors.joining(", "));
    }
}
