package dev.slipway.build.domain;

import dev.slipway.spec.ComponentSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * One build, start to end: clone the pushed commit, read its {@code slipway.yml}, then for each component in
 * order test, check coverage, build and package. Stops at the first failing step. Plain Java: the caller
 * records steps and turns the outcome into events.
 */
public final class BuildPipeline {
    /**
     * What test and build commands inherit from the service's environment: enough to find and run tools,
     * nothing else, because the service's own environment may hold credentials the repository must not see.
     */
    private static final Set<String> INHERITED = Set.of("PATH", "HOME", "USER", "LANG", "LC_ALL", "TZ", "TMPDIR");

    private final GitCheckout checkout;
    private final ShellStep shell;
    private final Packager packager;
    private final Duration cloneTimeout;
    private final Map<String, String> baseEnvironment;

    /** @param hostEnvironment the service's environment; only a few harmless variables of it are passed on */
    public BuildPipeline(ProcessRunner runner, ArtifactStore store, String git, Duration cloneTimeout,
                         Map<String, String> hostEnvironment) {
        Map<String, String> base = new HashMap<>();
        hostEnvironment.forEach((name, value) -> {
            if (INHERITED.contains(name)) {
                base.put(name, value);
            }
        });
        base.put("CI", "true"); // tools then neither prompt nor watch
        this.baseEnvironment = Map.copyOf(base);
        this.checkout = new GitCheckout(runner, git, baseEnvironment);
        this.shell = new ShellStep(runner);
        this.packager = new Packager(store);
        this.cloneTimeout = cloneTimeout;
    }

    /**
     * Runs the build in a freshly emptied workspace; the caller deletes the workspace afterwards.
     *
     * @param cancelled polled while the build runs; when it turns true the running process tree is killed and
     *                  {@link BuildCancelledException} thrown
     */
    public BuildOutcome run(BuildContext build, StepRecorder recorder, BooleanSupplier cancelled) throws IOException {
        Workspaces.recreate(build.workspace());
        return stages(build, new Steps(recorder, cancelled));
    }

    private BuildOutcome stages(BuildContext build, Steps steps) {
        Path repo = build.workspace().resolve("repo");
        Path logs = build.workspace().resolve("logs");
        Path cloneLog = logs.resolve("clone.log");
        StageResult<Path> cloned = steps.run(null, Step.CLONE, cloneLog, () -> checkout.run(new GitCheckout.Input(
                build.cloneUrl(), build.commitSha(), repo, cloneTimeout, cloneLog), steps.cancelled));
        if (cloned instanceof StageResult.Failed<Path> failed) {
            return failure(Step.CLONE, null, failed, failed.log());
        }
        StageResult<SpecReader.Config> config = steps.run(null, Step.CONFIG, null, () -> SpecReader.read(repo, build));
        if (config instanceof StageResult.Failed<SpecReader.Config> failed) {
            return failure(Step.CONFIG, null, failed, failed.log());
        }
        SpecReader.Config read = ((StageResult.Succeeded<SpecReader.Config>) config).value();
        Map<String, String> environment = new HashMap<>(baseEnvironment);
        environment.putAll(build.stepVariables());
        List<ComponentResult> results = new ArrayList<>();
        for (ComponentSpec component : read.spec().components()) {
            String name = component.name();
            Path folder = repo.resolve(component.path()).normalize();
            String testLog = "";
            if (component.test() != null) {
                Path log = logs.resolve(name + "-test.log");
                StageResult<Void> tested = steps.run(name, Step.TEST, log, () -> shell.run(new ShellStep.Input(name, Step.TEST,
                        component.test(), folder, environment, component.timeout(), log), steps.cancelled));
                if (tested instanceof StageResult.Failed<Void> failed) {
                    return failure(Step.TEST, name, failed, failed.log());
                }
                testLog = tested.log();
            }
            Double coverage = null;
            if (component.coverage() != null) {
                StageResult<Double> checked = steps.run(name, Step.COVERAGE, null, () -> CoverageCheck.run(new CoverageCheck.Input(name,
                        component.coverage(), folder.resolve(component.coverage().report()).normalize(),
                        shown(component.path(), component.coverage().report()))));
                if (checked instanceof StageResult.Failed<Double> failed) {
                    // The test output (e.g. its coverage table) explains a low figure better than the figure alone.
                    return failure(Step.COVERAGE, name, failed, testLog + failed.log());
                }
                coverage = ((StageResult.Succeeded<Double>) checked).value();
            }
            if (component.build() != null) {
                Path log = logs.resolve(name + "-build.log");
                StageResult<Void> built = steps.run(name, Step.BUILD, log, () -> shell.run(new ShellStep.Input(name, Step.BUILD,
                        component.build(), folder, environment, component.timeout(), log), steps.cancelled));
                if (built instanceof StageResult.Failed<Void> failed) {
                    return failure(Step.BUILD, name, failed, failed.log());
                }
            }
            StageResult<StoredArtifact> packaged = steps.run(name, Step.PACKAGE, null, () -> packager.run(new Packager.Input(name,
                    folder.resolve(component.output()).normalize(), shown(component.path(), component.output()), repo)));
            if (packaged instanceof StageResult.Failed<StoredArtifact> failed) {
                return failure(Step.PACKAGE, name, failed, failed.log());
            }
            results.add(ComponentResult.of(component, ((StageResult.Succeeded<StoredArtifact>) packaged).value(), coverage));
        }
        return new BuildOutcome.Succeeded(results, read.settings());
    }

    private static BuildOutcome failure(Step step, String component, StageResult.Failed<?> failed, String log) {
        return new BuildOutcome.Failed(step, component, failed.reason(), StepLog.tail(log, StepLog.TAIL_LINES));
    }

    /** A path inside a component as the person finds it in the repository, e.g. {@code web/coverage/lcov.info}. */
    private static String shown(String componentPath, String relative) {
        String path = Path.of(componentPath).resolve(relative).normalize().toString().replace('\\', '/');
        return path.isEmpty() ? "." : path;
    }

    @FunctionalInterface
    private interface Stage<T> {
        StageResult<T> run() throws IOException;
    }

    /** Runs stages one by one, telling the recorder, and turns a stage that breaks into a failed step. */
    private record Steps(StepRecorder recorder, BooleanSupplier cancelled) {

        /** @param output the file the stage's processes write to, null when it runs none */
        <T> StageResult<T> run(String component, Step step, Path output, Stage<T> stage) {
            if (cancelled.getAsBoolean()) {
                throw new BuildCancelledException("stopped before " + step.id());
            }
            recorder.started(component, step, output);
            long start = System.nanoTime();
            StageResult<T> result;
            try {
                result = stage.run();
            } catch (BuildCancelledException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                String reason = "build-service could not run " + step.id() + (component == null ? "" : " of " + component)
                        + ": " + e;
                result = StageResult.failed(reason, reason + "\n");
            }
            recorder.finished(component, step, result, Duration.ofNanos(System.nanoTime() - start));
            return result;
        }
    }
}
