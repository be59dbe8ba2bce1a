package dev.slipway.deploy.domain.huggingface;

import java.util.Set;

/**
 * What the Hub says a Space is doing: its {@code stage} (e.g. BUILDING, RUNNING, BUILD_ERROR) and, when it failed,
 * the Hub's {@code errorMessage} (null otherwise).
 */
public record SpaceRuntime(String stage, String errorMessage) {
    public static final String RUNNING = "RUNNING";
    /** Stages a Space does not leave without a new commit or restart; all but RUNNING mean the app does not run. */
    private static final Set<String> FAILED = Set.of("BUILD_ERROR", "RUNTIME_ERROR", "CONFIG_ERROR", "NO_APP_FILE",
            "STOPPED", "PAUSED", "DELETING");

    public boolean isRunning() {
        return RUNNING.equals(stage);
    }

    public boolean hasFailed() {
        return FAILED.contains(stage);
    }
}
