package dev.slipway.build.domain;

import dev.slipway.spec.DeploySettings;

import java.util.List;

/** How a build ended: every component packaged, or the step that stopped it. */
public sealed interface BuildOutcome {

    /** @param settings what slipway.yml says the deploy to the build's environment must use */
    record Succeeded(List<ComponentResult> components, DeploySettings settings) implements BuildOutcome {
        public Succeeded {
            components = List.copyOf(components);
        }
    }

    /**
     * @param component null when the failure is not a component's (clone, config)
     * @param logTail   the last lines of the failing step's log
     * @param summary   the failure in a few words without the component's name, for a commit status; null when
     *                  the reason says it well enough
     */
    record Failed(Step step, String component, String reason, List<String> logTail, String summary) implements BuildOutcome {
        public Failed {
            logTail = List.copyOf(logTail);
        }

        public Failed(Step step, String component, String reason, List<String> logTail) {
            this(step, component, reason, logTail, null);
        }
    }
}
