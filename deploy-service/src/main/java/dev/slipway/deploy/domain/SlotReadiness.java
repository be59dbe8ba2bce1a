package dev.slipway.deploy.domain;

import dev.slipway.deploy.domain.edge.EdgeClient;
import dev.slipway.deploy.domain.edge.EdgeEnvironment;
import dev.slipway.events.ComponentCheck;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether a release started in a slot may be switched to: every component with a health check answers
 * it through the slot's preview, every service without one accepts connections, and none has exited. Fails fast
 * when a service exits, with the end of its log.
 */
public final class SlotReadiness {
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(2);
    private static final int LOG_LINES = 15;

    private final EdgeClient edge;
    private final Duration startTimeout;
    private final Duration pollInterval;
    private final Clock clock;
    private final HealthProbe probe = new HealthProbe(CHECK_TIMEOUT, HttpClient.Redirect.NEVER);

    public SlotReadiness(EdgeClient edge, Duration startTimeout, Duration pollInterval, Clock clock) {
        this.edge = edge;
        this.startTimeout = startTimeout;
        this.pollInterval = pollInterval;
        this.clock = clock;
    }

    public void await(Release release, String slot, DeployLog log) {
        URI preview = edge.previewUrl(release.app(), release.environment(), slot);
        Map<String, ComponentCheck> checks = new HashMap<>();
        release.checks(preview).forEach(c -> checks.put(c.component(), c));
        Set<String> pending = new LinkedHashSet<>();
        release.components().stream().filter(c -> c.health() != null || c.kind() == ComponentKind.SERVICE)
                .forEach(c -> pending.add(c.name()));
        Map<String, String> lastSeen = new HashMap<>();
        Instant deadline = clock.instant().plus(startTimeout);
        while (true) {
            EdgeEnvironment.SlotView view = edge.environment(release.app(), release.environment()).slot(slot)
                    .filter(s -> s.version() == release.version())
                    .orElseThrow(() -> new DeployException("slot " + slot + " no longer holds version "
                            + release.version() + " (was it prepared again meanwhile?)"));
            for (EdgeEnvironment.ServiceView service : view.services()) {
                if (!service.running()) {
                    throw new DeployException("component " + service.component() + " exited"
                            + (service.exitCode() == null ? "" : " with code " + service.exitCode())
                            + " before it was ready; its log ends:\n" + lastLines(service.logTail()));
                }
            }
            for (String component : List.copyOf(pending)) {
                ComponentCheck check = checks.get(component);
                String problem = check != null ? probe.problem(check) : notListening(portOf(view, component));
                if (problem == null) {
                    pending.remove(component);
                    log.line(component + " is ready in slot " + slot
                            + (check == null ? " (accepts connections)" : " (" + pathOf(check, preview) + " answered "
                            + check.expectedStatus() + ")"));
                } else {
                    lastSeen.put(component, problem);
                }
            }
            if (pending.isEmpty()) {
                return;
            }
            if (!clock.instant().isBefore(deadline)) {
                String component = pending.iterator().next();
                ComponentCheck check = checks.get(component);
                throw new DeployException("component " + component + " was not ready within " + startTimeout
                        + (check == null ? "" : ": GET " + pathOf(check, preview) + " expected "
                        + check.expectedStatus()) + ", last: " + lastSeen.get(component));
            }
            pause();
        }
    }

    private static String notListening(Integer port) {
        if (port == null) {
            return "no port assigned yet";
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) CHECK_TIMEOUT.toMillis());
            return null;
        } catch (IOException e) {
            return "port " + port + " does not accept connections (" + e.getMessage() + ")";
        }
    }

    private static Integer portOf(EdgeEnvironment.SlotView view, String component) {
        return view.services().stream().filter(s -> s.component().equals(component)).findFirst()
                .map(EdgeEnvironment.ServiceView::port).orElse(null);
    }

    private static String pathOf(ComponentCheck check, URI preview) {
        return "/" + check.url().substring(preview.toString().length());
    }

    private static String lastLines(String tail) {
        if (tail == null || tail.isBlank()) {
            return "(nothing)";
        }
        List<String> lines = tail.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size()));
    }

    // polling a process that is starting: there is no event to wait on
    private void pause() {
        try {
            Thread.sleep(pollInterval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployException("interrupted while waiting for the slot to be ready", e);
        }
    }
}
