package dev.slipway.edge;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Starts and stops the services of slots. A service runs as {@code setsid sh -c <run>} in its directory, with only
 * the edge's PATH, HOME and LANG, its own {@code env} and {@code PORT} (a free port the edge picked) as its
 * environment, and its output appended to {@code logs/{app}/{env}/{slot}-{component}.log}.
 */
final class SlotSupervisor {
    private static final System.Logger LOG = System.getLogger(SlotSupervisor.class.getName());
    private static final List<String> INHERITED = List.of("PATH", "HOME", "LANG");
    private static final File NO_INPUT = new File("/dev/null");

    private final Path logsDir;
    private final Duration stopTimeout;
    private final ExecutorService stoppers;
    /** Adopted processes still running: not our children, so their end is noticed by polling. */
    private final Set<ServiceProcess> adopted = ConcurrentHashMap.newKeySet();

    SlotSupervisor(Path logsDir, Duration stopTimeout, ExecutorService stoppers, ScheduledExecutorService scheduler) {
        this.logsDir = logsDir;
        this.stopTimeout = stopTimeout;
        this.stoppers = stoppers;
        scheduler.scheduleAtFixedRate(() -> adopted.removeIf(ServiceProcess::noticeEnd), 1, 1, TimeUnit.SECONDS);
    }

    /** Starts every service; when one cannot be started, stops those already started and throws. */
    List<ServiceProcess> start(String app, String environment, Slot slot, long version,
                               List<SlotSpec.ServiceSpec> specs) throws IOException {
        List<ServiceProcess> started = new ArrayList<>();
        try {
            for (SlotSpec.ServiceSpec spec : specs) {
                started.add(start(app, environment, slot, version, spec));
            }
        } catch (IOException | RuntimeException e) {
            stopAll(started);
            throw e;
        }
        return started;
    }

    private ServiceProcess start(String app, String environment, Slot slot, long version, SlotSpec.ServiceSpec spec)
            throws IOException {
        Path logFile = logFile(app, environment, slot, spec.component());
        Files.createDirectories(logFile.getParent());
        Files.write(logFile, new byte[0]); // a slot prepared anew starts a fresh log
        int port = FreePorts.pick();
        // Started by the JVM the process is never a group leader, so setsid does not fork: its pid is the
        // session's id and its exit code the service's own.
        ProcessBuilder builder = new ProcessBuilder("setsid", "sh", "-c", spec.run())
                .directory(spec.dir().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(NO_INPUT))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        Map<String, String> environmentVariables = builder.environment();
        environmentVariables.clear();
        INHERITED.forEach(name -> {
            String value = System.getenv(name);
            if (value != null) {
                environmentVariables.put(name, value);
            }
        });
        environmentVariables.putAll(spec.env());
        environmentVariables.put("PORT", Integer.toString(port));
        String label = label(app, environment, slot, version, spec.component());
        ServiceProcess service = ServiceProcess.started(label, spec.component(), spec.route(), spec.run(), spec.dir(),
                port, logFile, builder.start());
        LOG.log(System.Logger.Level.INFO, "started " + label + ": pid " + service.pid() + ", port " + port);
        return service;
    }

    ServiceProcess restore(String app, String environment, Slot slot, long version,
                           StoredEnvironment.StoredService stored) {
        ServiceProcess service = ServiceProcess.restored(label(app, environment, slot, version, stored.component()),
                stored, logFile(app, environment, slot, stored.component()));
        if (service.adopted()) {
            adopted.add(service);
        }
        return service;
    }

    /** Stops the services in parallel, each gracefully; returns when all are stopped. */
    void stopAll(Collection<ServiceProcess> services) {
        CompletableFuture.allOf(services.stream()
                .map(service -> CompletableFuture.runAsync(() -> service.stop(stopTimeout), stoppers))
                .toArray(CompletableFuture[]::new)).join();
    }

    private Path logFile(String app, String environment, Slot slot, String component) {
        return logsDir.resolve(app).resolve(environment).resolve(slot.id() + "-" + component + ".log");
    }

    private static String label(String app, String environment, Slot slot, long version, String component) {
        return "service " + component + " of " + app + "/" + environment + " (v" + version + ", slot " + slot + ")";
    }
}
