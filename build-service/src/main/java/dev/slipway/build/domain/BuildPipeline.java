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
 * order test, check coverage, build, build and push its container image when it has one, and package. Stops at
 * the first failing step. Plain Java: the caller records steps and turns the outcome into events.
 */
public final class BuildPipeline {
    /**
     * What test and build commands inherit from the service's environment: enough to find and run tools,
     * nothing else, because the service's own environment may hold credentials the repository must not see.
     */
    private static final Set<String> INHERITED = Set.of("PATH", "HOME", "USER", "LANG", "LC_ALL", "TZ", "TMPDIR");
    /**
     * What the container engine's own commands inherit besides: where the engine and its settings are. The
     * repository's commands (tests, builds, scans) do not get these.
     */
    private static final Set<String> ENGINE_INHERITED = Set.of("DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_CONFIG",
            "DOCKER_CERT_PATH", "DOCKER_TLS_VERIFY", "CONTAINER_HOST", "CONTAINERS_CONF", "XDG_RUNTIME_DIR");

    private final GitCheckout checkout;
    private final ShellStep shell;
    private final Packager packager;
    private final ContainerImages images;
    private final Duration cloneTimeout;
    private final Map<String, String> baseEnvironment;

    /**
     * @param containerEngine the command that builds and pushes images, e.g. {@code docker} or {@code podman}
     * @param hostEnvironment the service's environment; only a few harmless variables of it are passed on
     */
    public BuildPipeline(ProcessRunner runner, ArtifactStore store, String git, Duration cloneTimeout,
                         String containerEngine, Map<String, String> hostEnvironment) {
        Map<String, String> base = new HashMap<>();
        Map<String, String> engine = new HashMap<>();
        hostEnvironment.forEach((name, value) -> {
            if (INHERITED.contains(name)) {
                base.put(name, value);
            }
            if (INHERITED.contains(name) || ENGINE_INHERITED.contains(name)) {
                engine.put(name, value);
            }
        });
        base.put("CI", "true"); // tools then neither prompt nor watch
        this.baseEnvironment = Map.copyOf(base);
        this.checkout = new GitCheckout(runner, git, baseEnvironment);
        this.shell = new ShellStep(runner);
        this.packager = new Packager(store);
        this.images = new ContainerImages(runner, containerEngine, engine);
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
        steps.recorder().configured(read.spec().components().stream().map(ComponentSpec::name).toList());
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
            String image = null;
            if (component.image() != null) {
                ImageResult imaged = image(build, steps, component, repo, folder, environment);
                if (imaged.failedAt() != null) {
                    return failure(imaged.failedAt(), name, imaged.failure(), imaged.failure().log());
                }
                image = imaged.reference();
            }
            StageResult<StoredArtifact> packaged = steps.run(name, Step.PACKAGE, null, () -> packager.run(new Packager.Input(name,
                    folder.resolve(component.output()).normalize(), shown(component.path(), component.output()), repo)));
            if (packaged instanceof StageResult.Failed<StoredArtifact> failed) {
                return failure(Step.PACKAGE, name, failed, failed.log());
            }
            ComponentResult result = ComponentResult.of(component, ((StageResult.Succeeded<StoredArtifact>) packaged).value(),
                    coverage, image);
            results.add(result);
            steps.recorder().componentBuilt(result);
        }
        return new BuildOutcome.Succeeded(results, read.settings());
    }

    /**
     * How the image steps of a component ended.
     *
     * @param failedAt  the step that failed, null when none did
     * @param reference the pushed image, null when none was pushed
     */
    private record ImageResult(Step failedAt, StageResult.Failed<?> failure, String reference) {
    }

    /**
     * The image steps of a service (FR-012): image (engine, build, size), scan when declared, push. No image is
     * pushed when no engine works and the image is optional, nor for a fork's commit.
     */
    private ImageResult image(BuildContext build, Steps steps, ComponentSpec component, Path repo, Path folder,
                              Map<String, String> environment) {
        String name = component.name();
        Path logs = build.workspace().resolve("logs");
        ContainerImages.Input input = new ContainerImages.Input(name, component.image(), repo, folder, component.path(),
                build.version(), build.commitSha(), component.timeout(), logs.resolve(name + "-image.log"));
        StageResult<Boolean> built = steps.run(name, Step.IMAGE, input.logFile(), () -> images.build(input, steps.cancelled));
        if (built instanceof StageResult.Failed<Boolean> failed) {
            return new ImageResult(Step.IMAGE, failed, null);
        }
        if (!((StageResult.Succeeded<Boolean>) built).value()) {
            return new ImageResult(null, null, null);
        }
        // From here the image is on this machine; the scan and push steps remove it when they end, and a cancel
        // (which ends them early, or comes between them) removes it here.
        try {
            if (component.image().scan() != null) {
                ContainerImages.Input scan = withLog(input, logs.resolve(name + "-scan.log"));
                StageResult<Void> scanned = steps.run(name, Step.SCAN, scan.logFile(), () -> images.scan(scan, environment, steps.cancelled));
                if (scanned instanceof StageResult.Failed<Void> failed) {
                    return new ImageResult(Step.SCAN, failed, null);
                }
            }
            ContainerImages.Input push = withLog(input, logs.resolve(name + "-push.log"));
            StageResult<String> pushed = steps.run(name, Step.PUSH, push.logFile(), () -> build.fromFork()
                    ? images.notPushed(push, "this commit comes from a fork's pull request, and the registry and its"
                            + " credentials are the team's; the image was only built and checked")
                    : images.push(push, steps.cancelled));
            if (pushed instanceof StageResult.Failed<String> failed) {
                return new ImageResult(Step.PUSH, failed, null);
            }
            return new ImageResult(null, null, ((StageResult.Succeeded<String>) pushed).value());
        } catch (BuildCancelledException e) {
            images.remove(input);
            throw e;
        }
    }

    private static ContainerImages.Input withLog(ContainerImages.Input input, Path logFile) {
        return new ContainerImages.Input(input.component(), input.spec(), input.repository(), input.folder(),
                input.folderShown(), input.version(), input.commitSha(), input.timeout(), logFile);
    }

    private static BuildOutcome failure(Step step, String component, StageResult.Failed<?> failed, String log) {
        return new BuildOutcome.Failed(step, component, failed.reason(), StepLog.tail(log, StepLog.TAIL_LINES), failed.summary());
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
