package dev.slipway.build.messaging;

import dev.slipway.build.config.BuildConfig;
import dev.slipway.build.domain.BuildCancelledException;
import dev.slipway.build.domain.BuildContext;
import dev.slipway.build.domain.BuildOutcome;
import dev.slipway.build.domain.BuildPipeline;
import dev.slipway.build.domain.BuildStatus;
import dev.slipway.build.domain.CloneUrls;
import dev.slipway.build.domain.ComponentResult;
import dev.slipway.build.domain.GrowingLog;
import dev.slipway.build.domain.StageResult;
import dev.slipway.build.domain.Step;
import dev.slipway.build.domain.StepLog;
import dev.slipway.build.domain.StepRecorder;
import dev.slipway.build.domain.StepStatus;
import dev.slipway.build.domain.Workspaces;
import dev.slipway.build.persistence.BuildComponent;
import dev.slipway.build.persistence.BuildJob;
import dev.slipway.build.persistence.BuildStep;
import dev.slipway.platform.messaging.BackgroundLoop;
import dev.slipway.platform.messaging.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs queued builds. Each worker loop claims the oldest queued build ({@code FOR UPDATE SKIP LOCKED}), marks it
 * running and announces BuildStarted in one transaction, runs the pipeline outside any transaction while a
 * heartbeat shows it is alive, and records the end together with BuildSucceeded or BuildFailed. A running build
 * whose heartbeat went stale lost its worker (crash, restart): it is requeued once, then failed.
 */
@ApplicationScoped
public class BuildWorker {
    private static final Logger LOG = Logger.getLogger(BuildWorker.class);
    /** A build is claimed at most twice: the first claim, and once more after its worker went silent. */
    static final int MAX_ATTEMPTS = 2;

    private final BuildConfig config;
    private final BuildPipeline pipeline;
    private final BuildEvents events;
    private final CommitStatuses statuses;
    private final Outbox outbox;
    private final Clock clock;
    private final List<BackgroundLoop> loops = new CopyOnWriteArrayList<>();
    /** The builds this instance runs, by number. */
    private final Map<Long, RunningBuild> running = new ConcurrentHashMap<>();
    private final Object sweepLock = new Object();
    private Instant nextSweep = Instant.MIN;
    private ScheduledExecutorService heartbeats;
    /** Apart from the heartbeats, so storing a large output never delays one. */
    private ScheduledExecutorService logFlushes;

    public BuildWorker(BuildConfig config, BuildPipeline pipeline, BuildEvents events, CommitStatuses statuses,
                       Outbox outbox, Clock clock) {
        this.config = config;
        this.pipeline = pipeline;
        this.events = events;
        this.statuses = statuses;
        this.outbox = outbox;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        heartbeats = Executors.newSingleThreadScheduledExecutor(daemon("build-heartbeat"));
        logFlushes = Executors.newSingleThreadScheduledExecutor(daemon("build-log"));
        for (int i = 1; i <= config.workers(); i++) {
            loops.add(BackgroundLoop.start("build-worker-" + i, config.poll(), this::step));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        // Killing the processes leaves the builds running in the database; the next start requeues them once stale.
        running.values().forEach(build -> build.cancel("build-service is shutting down"));
        loops.forEach(BackgroundLoop::close);
        if (heartbeats != null) {
            heartbeats.shutdownNow();
            logFlushes.shutdownNow();
        }
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Looks for queued builds now rather than after the poll interval. */
    public void wake() {
        loops.forEach(BackgroundLoop::wake);
    }

    /**
     * Stops a build this instance runs, at once: its running step's processes are stopped. Called once the build
     * was recorded cancelled; an instance that does not run it leaves it to the build's own heartbeat, which
     * finds it no longer running.
     */
    public void stopRunning(long number, String why) {
        RunningBuild build = running.get(number);
        if (build != null) {
            build.cancel(why);
        }
    }

    private boolean step() {
        sweepWhenDue();
        Optional<Claim> claim = claim();
        claim.ifPresent(this::execute);
        return claim.isPresent();
    }

    /**
     * The state a build needs while it runs outside a transaction.
     *
     * @param statusesSkipped why the build sets no commit statuses, for its log; null when it does
     */
    private record Claim(long number, int attempt, BuildContext context, String statusesSkipped) {
    }

    private Optional<Claim> claim() {
        Optional<Claim> claim = QuarkusTransaction.requiringNew().call(() -> BuildJob.claimOldestQueued().map(job -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            job.status = BuildStatus.RUNNING;
            job.attempts++;
            job.heartbeatAt = now;
            // A requeued build starts over in a fresh workspace; the steps of the lost attempt no longer describe it.
            BuildStep.delete("buildNumber", job.number);
            if (job.startedAt == null) {
                job.startedAt = now;
                outbox.publish(events.started(job));
            }
            statuses.started(job);
            return new Claim(job.number, job.attempts, new BuildContext(job.number, job.app, job.environment,
                    job.preview, job.branch, job.commitSha, job.cloneUrl, workspace(job.number), job.fromFork),
                    statuses.skipped(job));
        }));
        claim.ifPresent(c -> LOG.infof("build %d: started (attempt %d)", c.number(), c.attempt()));
        return claim;
    }

    private Path workspace(long number) {
        // absolute, because the build's processes run in folders of their own
        return config.dataDir().toAbsolutePath().resolve("workspaces").resolve(Long.toString(number));
    }

    private void execute(Claim claim) {
        RunningBuild build = new RunningBuild();
        running.put(claim.number(), build);
        long every = config.heartbeat().toMillis();
        ScheduledFuture<?> heartbeat = heartbeats.scheduleWithFixedDelay(() -> beat(claim, build), every, every, TimeUnit.MILLISECONDS);
        Recorder recorder = new Recorder(claim);
        try {
            BuildOutcome outcome;
            try {
                outcome = pipeline.run(claim.context(), recorder, build::cancelled);
            } catch (IOException e) {
                outcome = new BuildOutcome.Failed(Step.CLONE, null,
                        "build-service could not prepare the workspace " + claim.context().workspace() + ": " + e.getMessage(), List.of());
            }
            finish(claim, outcome);
        } catch (BuildCancelledException e) {
            String why = build.why();
            LOG.infof("build %d: stopped%s: %s", claim.number(), why == null ? "" : " (" + why + ")", e.getMessage());
        } catch (RuntimeException e) {
            // Left running on purpose: without heartbeats it goes stale and is requeued or failed then.
            LOG.errorf(e, "build %d: could not be carried on", claim.number());
        } finally {
            heartbeat.cancel(false);
            recorder.stopFlushing(); // a step stopped by a cancel is never told finished
            running.remove(claim.number());
            deleteWorkspace(claim);
        }
    }

    private void deleteWorkspace(Claim claim) {
        try {
            Workspaces.delete(claim.context().workspace());
        } catch (IOException e) {
            LOG.warnf("build %d: could not delete its workspace %s: %s", claim.number(), claim.context().workspace(), e);
        }
    }

    private void beat(Claim claim, RunningBuild build) {
        try {
            int updated = QuarkusTransaction.requiringNew().call(() -> BuildJob.update(
                    "heartbeatAt = ?1 where number = ?2 and attempts = ?3 and status = ?4",
                    OffsetDateTime.now(clock), claim.number(), claim.attempt(), BuildStatus.RUNNING));
            if (updated == 0) {
                build.cancel("build " + claim.number() + " is no longer this worker's: it was requeued or failed as stale");
            }
        } catch (RuntimeException e) {
            LOG.warnf("build %d: heartbeat not recorded: %s", claim.number(), e.getMessage());
        }
    }

    private void finish(Claim claim, BuildOutcome outcome) {
        boolean recorded = QuarkusTransaction.requiringNew().call(() -> {
            BuildJob job = BuildJob.findById(claim.number(), LockModeType.PESSIMISTIC_WRITE);
            if (job.status != BuildStatus.RUNNING || job.attempts != claim.attempt()) {
                LOG.warnf("build %d: result of attempt %d dropped, the build is now %s (attempt %d)",
                        claim.number(), claim.attempt(), job.status, job.attempts);
                return false;
            }
            job.finishedAt = OffsetDateTime.now(clock);
            if (outcome instanceof BuildOutcome.Succeeded succeeded) {
                job.status = BuildStatus.SUCCEEDED;
                int position = 0;
                for (ComponentResult result : succeeded.components()) {
                    component(job.number, position++, result).persist();
                }
                outbox.publish(events.succeeded(job, succeeded));
            } else if (outcome instanceof BuildOutcome.Failed failed) {
                fail(job, failed);
            }
            statuses.finished(job, outcome);
            return true;
        });
        if (recorded) {
            LOG.infof("build %d: %s", claim.number(), outcome instanceof BuildOutcome.Failed f
                    ? "failed at " + f.step().id() + ": " + f.reason() : "succeeded");
        }
    }

    private void fail(BuildJob job, BuildOutcome.Failed failed) {
        job.status = BuildStatus.FAILED;
        job.failedStep = failed.step().id();
        job.failedComponent = failed.component();
        job.failureReason = failed.reason();
        outbox.publish(events.failed(job, failed));
    }

    private static BuildComponent component(long number, int position, ComponentResult result) {
        BuildComponent row = new BuildComponent();
        row.buildNumber = number;
        row.position = position;
        row.name = result.name();
        row.kind = result.kind().yamlName();
        row.artifactDigest = result.artifact().digest().toString();
        row.artifactSize = result.artifact().size();
        row.coverage = result.coverage();
        row.image = result.image();
        if (result.health() != null) {
            row.healthPath = result.health().path();
            row.healthStatus = result.health().status();
        }
        return row;
    }

    private void sweepWhenDue() {
        synchronized (sweepLock) {
            Instant now = clock.instant();
            if (now.isBefore(nextSweep)) {
                return;
            }
            Duration every = config.staleAfter().dividedBy(2);
            nextSweep = now.plus(every.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : every);
        }
        sweepStale();
    }

    /**
     * Requeues, or fails after {@link #MAX_ATTEMPTS}, every running build whose heartbeat is older than
     * {@code slipway.build.stale-after}. Runs at startup and then periodically.
     */
    public void sweepStale() {
        int requeued = QuarkusTransaction.requiringNew().call(() -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            int count = 0;
            for (BuildJob job : BuildJob.lockStale(now.minus(config.staleAfter()))) {
                if (job.attempts < MAX_ATTEMPTS) {
                    LOG.warnf("build %d: no heartbeat since %s, requeued", job.number, job.heartbeatAt);
                    job.status = BuildStatus.QUEUED;
                    job.heartbeatAt = null;
                    count++;
                } else {
                    failStale(job, now);
                }
            }
            return count;
        });
        if (requeued > 0) {
            wake();
        }
    }

    private void failStale(BuildJob job, OffsetDateTime now) {
        List<BuildStep> steps = BuildStep.ofBuild(job.number);
        BuildStep last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
        Step step = last == null ? Step.CLONE : Step.valueOf(last.step.toUpperCase(Locale.ROOT));
        String during = last == null ? "before its first step" : "during " + step.id() + (last.component == null ? "" : " of " + last.component);
        String reason = "build-service stopped answering " + during + " (no heartbeat for over "
                + config.staleAfter().toSeconds() + " s), on the first run and on the retry; push again to build this commit";
        for (BuildStep s : steps) {
            if (!s.status.isTerminal()) {
                s.status = StepStatus.FAILED;
                s.finishedAt = now;
                s.reason = reason;
            }
        }
        LOG.warnf("build %d: no heartbeat since %s on attempt %d, failed", job.number, job.heartbeatAt, job.attempts);
        job.finishedAt = now;
        fail(job, new BuildOutcome.Failed(step, last == null ? null : last.component, reason,
                last == null ? List.of() : StepLog.tail(last.log, StepLog.TAIL_LINES)));
        statuses.stopped(job, "build-service stopped answering " + during + "; push again to build this commit");
    }

    /** A build this instance is running, and whether it has been told to stop. */
    private static final class RunningBuild {
        private volatile String cancelled;

        void cancel(String why) {
            cancelled = why;
        }

        boolean cancelled() {
            return cancelled != null;
        }

        String why() {
            return cancelled;
        }
    }

    /** Keeps the build's steps in the database as they start and end, and the output of a running one as it comes. */
    private final class Recorder implements StepRecorder {
        private final Claim claim;
        private int position;
        private Long current;
        private ScheduledFuture<?> flushing;

        Recorder(Claim claim) {
            this.claim = claim;
        }

        @Override
        public void started(String component, Step step, Path output) {
            int at = ++position;
            Long id = QuarkusTransaction.requiringNew().call(() -> {
                BuildJob job = BuildJob.findById(claim.number());
                if (job.status != BuildStatus.RUNNING || job.attempts != claim.attempt()) {
                    return null;
                }
                BuildStep row = new BuildStep();
                row.buildNumber = claim.number();
                row.position = at;
                row.component = component;
                row.step = step.id();
                row.status = StepStatus.RUNNING;
                row.startedAt = OffsetDateTime.now(clock);
                row.persist();
                return row.id;
            });
            if (id == null) {
                throw new BuildCancelledException("build " + claim.number() + " was requeued or failed while it ran");
            }
            current = id;
            if (output != null) {
                long every = config.logFlush().toMillis();
                flushing = logFlushes.scheduleWithFixedDelay(new Flush(claim, id, new GrowingLog(output)), every, every,
                        TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public void configured(List<String> components) {
            whileRunning(job -> statuses.configured(job, components));
        }

        @Override
        public void componentBuilt(ComponentResult component) {
            whileRunning(job -> statuses.componentBuilt(job, component));
        }

        /** Runs {@code action} on the build, locked, if it is still this attempt's and running. */
        private void whileRunning(Consumer<BuildJob> action) {
            boolean ours = QuarkusTransaction.requiringNew().call(() -> {
                BuildJob job = BuildJob.findById(claim.number(), LockModeType.PESSIMISTIC_WRITE);
                if (job.status != BuildStatus.RUNNING || job.attempts != claim.attempt()) {
                    return false;
                }
                action.accept(job);
                return true;
            });
            if (!ours) {
                throw new BuildCancelledException("build " + claim.number() + " was cancelled, requeued or failed while it ran");
            }
        }

        void stopFlushing() {
            if (flushing != null) {
                flushing.cancel(false);
                flushing = null;
            }
        }

        @Override
        public void finished(String component, Step step, StageResult<?> result, Duration took) {
            stopFlushing();
            long id = current;
            boolean recorded = QuarkusTransaction.requiringNew().call(() -> updateRunningStep(claim.number(), claim.attempt(), id, row -> {
                row.status = result.status();
                row.exitCode = result.exitCode();
                row.finishedAt = OffsetDateTime.now(clock);
                row.duration = took;
                // masked like the output shown while the step ran, which a test could make print the clone URL
                row.log = CloneUrls.mask(result.log(), claim.context().cloneUrl());
                if (step == Step.CLONE && claim.statusesSkipped() != null) {
                    // said once per build, where its log starts
                    row.log += (row.log.isEmpty() || row.log.endsWith("\n") ? "" : "\n") + "[" + claim.statusesSkipped() + "]\n";
                }
                if (result instanceof StageResult.Failed<?> failed) {
                    row.reason = failed.reason();
                }
            }));
            if (!recorded) {
                throw new BuildCancelledException("build " + claim.number() + " was cancelled, requeued or failed while "
                        + step.id() + " ran");
            }
        }
    }

    /**
     * Runs {@code update} on a step, in the caller's transaction, only if the step is still running and its build
     * still running this attempt (locked, as a cancel locks it): a cancel, or the stale sweep, may have ended both
     * while the step ran, and what they recorded stands. A step removed when its build was requeued is gone too.
     *
     * @return whether the step was updated
     */
    static boolean updateRunningStep(long number, int attempt, long stepId, Consumer<BuildStep> update) {
        BuildJob job = BuildJob.findById(number, LockModeType.PESSIMISTIC_WRITE);
        if (job == null || job.status != BuildStatus.RUNNING || job.attempts != attempt) {
            return false;
        }
        BuildStep row = BuildStep.findById(stepId);
        if (row == null || row.status != StepStatus.RUNNING) {
            return false;
        }
        update.accept(row);
        return true;
    }

    /**
     * Adds what a running step wrote since the last flush to its stored log, masked like its final log, so the
     * log API shows the step while it runs (FR-014). Output that could not be stored is tried again next time.
     */
    private static final class Flush implements Runnable {
        private final Claim claim;
        private final long step;
        private final GrowingLog output;
        private String pending = "";

        Flush(Claim claim, long step, GrowingLog output) {
            this.claim = claim;
            this.step = step;
            this.output = output;
        }

        @Override
        public void run() {
            try {
                pending += CloneUrls.mask(output.newLines(), claim.context().cloneUrl());
                if (!pending.isEmpty()) {
                    String text = pending;
                    QuarkusTransaction.requiringNew().run(() -> BuildStep.appendLog(step, text));
                    pending = "";
                }
            } catch (IOException | RuntimeException e) {
                LOG.warnf("build %d: output of its running step not stored yet: %s", claim.number(), e.getMessage());
            }
        }
    }
}
