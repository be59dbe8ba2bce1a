package dev.slipway.build.domain;

import dev.slipway.spec.ImageSpec;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The image stages of a service with {@code image:} (FR-012): build it with the machine's container engine
 * (Docker, or Podman, which takes the same commands), tagged with the version and the commit SHA (FR-013),
 * refuse it over {@link ImageSpec#MAX_BYTES}, run its {@code scan:} command, push both tags and read the digest
 * the registry gave it. Every command goes through the {@link ProcessRunner}: time limits, logs, stopped when the
 * build is cancelled. Once pushed, refused or not to be pushed, the image is removed from this machine
 * ({@link #remove}).
 */
public final class ContainerImages {
    /** {@code docker info} answers at once when the daemon is up; a daemon that hangs is as good as none. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration INSPECT_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Pattern PUSHED_DIGEST = Pattern.compile("digest: (sha256:[0-9a-f]{64})");
    private static final BigDecimal GIB = BigDecimal.valueOf(1024L * 1024 * 1024);

    /**
     * @param repository  the checked-out repository
     * @param folder      the component's folder, the build context
     * @param folderShown the component's path as the person knows it, relative to the repository
     * @param version     the version tag: the build number
     * @param timeout     the component's step limit, for the build, the scan and each push
     * @param logFile     where this step's commands write, followed while they run
     */
    public record Input(String component, ImageSpec spec, Path repository, Path folder, String folderShown, String version,
                        String commitSha, Duration timeout, Path logFile) {

        public String versionTag() {
            return spec.repository() + ":" + version;
        }

        public String commitTag() {
            return spec.repository() + ":" + commitSha;
        }
    }

    private final ProcessRunner runner;
    private final String engine;
    private final Map<String, String> environment;

    /**
     * @param engine      the engine's command, e.g. {@code docker} (found on {@code PATH}) or a full path
     * @param environment what the engine's commands run with
     */
    public ContainerImages(ProcessRunner runner, String engine, Map<String, String> environment) {
        this.runner = runner;
        this.engine = engine;
        this.environment = Map.copyOf(environment);
    }

    /**
     * Builds the image and checks its size. Succeeds with true once built, with false when no engine works here
     * and the image is {@code optional: true}: the build goes on without it.
     */
    public StageResult<Boolean> build(Input input, BooleanSupplier cancelled) throws IOException {
        String shown = engineName();
        Captured probe = capture(List.of(engine, "info"), shown + " info", input, PROBE_TIMEOUT, cancelled);
        if (probe.outcome().timedOut() || probe.outcome().exitCode() != 0) {
            String error = probe.outcome().timedOut()
                    ? "no answer within " + Durations.format(PROBE_TIMEOUT) : probe.lastLine();
            String missing = "no container engine on this machine (" + shown + " info: " + error + ")";
            if (input.spec().optional()) {
                note(input, missing + "; the image of " + input.component() + " is optional, so it is skipped and the"
                        + " build goes on without it");
                return new StageResult.Succeeded<>(false, null, StepLog.read(input.logFile()));
            }
            note(input, missing);
            return new StageResult.Failed<>(missing + ": the image of " + input.component() + " cannot be built; run"
                    + " build-service where Docker or Podman works, or mark the image optional: true",
                    probe.outcome().exitCode(), StepLog.read(input.logFile()), "no container engine on this machine");
        }
        Path dockerfile = input.folder().resolve(input.spec().dockerfile()).normalize();
        String dockerfileShown = Path.of(input.folderShown()).resolve(input.spec().dockerfile()).normalize().toString();
        if (!Files.isRegularFile(dockerfile) || !dockerfile.toRealPath().startsWith(input.repository().toRealPath())) {
            // a link out of the repository counts as missing: the build must not read the machine's files
            String reason = "Dockerfile " + dockerfileShown + " of " + input.component() + " not found at this commit";
            note(input, reason);
            return new StageResult.Failed<>(reason, null, StepLog.read(input.logFile()), "Dockerfile " + dockerfileShown + " not found");
        }
        List<String> build = List.of(engine, "build", "-f", dockerfile.toString(),
                "-t", input.versionTag(), "-t", input.commitTag(),
                "--label", "org.opencontainers.image.version=" + input.version(),
                "--label", "org.opencontainers.image.revision=" + input.commitSha(),
                input.folder().toString());
        List<String> buildShown = new ArrayList<>(build);
        buildShown.set(0, shown);
        ProcessRunner.Outcome built = runner.run(new ProcessRunner.Command(build, String.join(" ", buildShown), input.folder(),
                environment, input.timeout(), input.logFile()), cancelled);
        if (built.timedOut()) {
            return timedOut(input, shown + " build");
        }
        if (built.exitCode() != 0) {
            return new StageResult.Failed<>(shown + " build of " + input.component() + "'s image failed with exit code "
                    + built.exitCode(), built.exitCode(), StepLog.read(input.logFile()),
                    "image build failed with exit code " + built.exitCode());
        }
        StageResult<Boolean> checked;
        try {
            checked = checkSize(input, shown, cancelled);
        } catch (IOException | RuntimeException e) {
            remove(input); // a cancel too: the caller only removes images that passed this step
            throw e;
        }
        if (checked instanceof StageResult.Failed<Boolean>) {
            remove(input);
            return withCurrentLog(checked, input);
        }
        return checked;
    }

    /** Refuses a built image over {@link ImageSpec#MAX_BYTES}. */
    private StageResult<Boolean> checkSize(Input input, String shown, BooleanSupplier cancelled) throws IOException {
        Captured inspected = capture(List.of(engine, "image", "inspect", "--format", "{{.Size}}", input.versionTag()),
                shown + " image inspect --format {{.Size}} " + input.versionTag(), input, INSPECT_TIMEOUT, cancelled);
        long size;
        try {
            if (inspected.outcome().exitCode() == null || inspected.outcome().exitCode() != 0) {
                throw new NumberFormatException(inspected.lastLine());
            }
            size = Long.parseLong(inspected.lastLine());
        } catch (NumberFormatException e) {
            String reason = "the size of image " + input.versionTag() + " could not be read (" + shown
                    + " image inspect: " + inspected.lastLine() + ")";
            note(input, reason);
            return new StageResult.Failed<>(reason, inspected.outcome().exitCode(), StepLog.read(input.logFile()),
                    "image size could not be read");
        }
        if (size > ImageSpec.MAX_BYTES) {
            String reason = "image " + input.versionTag() + " is " + gib(size) + " GiB (" + size + " bytes), over the"
                    + " limit of " + gib(ImageSpec.MAX_BYTES) + " GiB: build it smaller (a multi-stage build, a slimmer base"
                    + " image, a .dockerignore)";
            note(input, reason);
            return new StageResult.Failed<>(reason, null, StepLog.read(input.logFile()),
                    "image is " + gib(size) + " GiB, over the " + gib(ImageSpec.MAX_BYTES) + " GiB limit");
        }
        note(input, "built " + input.versionTag() + " and " + input.commitTag() + ", " + size + " bytes");
        return new StageResult.Succeeded<>(true, 0, StepLog.read(input.logFile()));
    }

    /**
     * Runs the image's {@code scan:} command in the component's folder with {@code SLIPWAY_IMAGE} naming the
     * image (its commit tag); a failing scan stops the build, and the image is removed from this machine (when the
     * build is cancelled meanwhile, by the caller).
     *
     * @param stepEnvironment what the repository's own commands run with
     */
    public StageResult<Void> scan(Input input, Map<String, String> stepEnvironment, BooleanSupplier cancelled)
            throws IOException {
        Map<String, String> env = new HashMap<>(stepEnvironment);
        env.put("SLIPWAY_IMAGE", input.commitTag());
        ProcessRunner.Outcome scanned = runner.run(new ProcessRunner.Command(List.of("sh", "-c", input.spec().scan()),
                input.spec().scan(), input.folder(), env, input.timeout(), input.logFile()), cancelled);
        if (scanned.timedOut()) {
            remove(input);
            return timedOut(input, "the scan");
        }
        if (scanned.exitCode() != 0) {
            remove(input);
            return new StageResult.Failed<>("scan of " + input.component() + "'s image " + input.commitTag()
                    + " failed with exit code " + scanned.exitCode() + ": the image is not pushed", scanned.exitCode(),
                    StepLog.read(input.logFile()), "image scan failed with exit code " + scanned.exitCode());
        }
        return new StageResult.Succeeded<>(null, 0, StepLog.read(input.logFile()));
    }

    /**
     * Pushes both tags and succeeds with the pushed image's reference, {@code registry/name@sha256:<hex>}. The
     * image is removed from this machine afterwards, pushed or not (the registry keeps it); when the build is
     * cancelled meanwhile, removing it is left to the caller.
     */
    public StageResult<String> push(Input input, BooleanSupplier cancelled) throws IOException {
        StageResult<String> pushed;
        try {
            pushed = pushBoth(input, cancelled);
        } catch (BuildCancelledException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            remove(input);
            throw e;
        }
        remove(input);
        return withCurrentLog(pushed, input);
    }

    /** Does not push the image, saying why ({@code because}), and removes it from this machine. */
    public StageResult<String> notPushed(Input input, String because) throws IOException {
        note(input, "not pushed: " + because);
        remove(input);
        return new StageResult.Succeeded<>(null, 0, StepLog.read(input.logFile()));
    }

    /**
     * Removes both tags of the image from this machine's engine, so the images of build after build do not fill
     * its disk. Never fails the build: a removal that does not work is only noted in the step's log.
     */
    public void remove(Input input) {
        String shown = engineName() + " image rm " + input.versionTag() + " " + input.commitTag();
        try {
            Captured removed = capture(List.of(engine, "image", "rm", input.versionTag(), input.commitTag()), shown, input,
                    INSPECT_TIMEOUT, () -> false);
            if (removed.outcome().timedOut() || removed.outcome().exitCode() != 0) {
                note(input, "the image stays on this machine: " + shown + " did not work ("
                        + (removed.outcome().timedOut() ? "no answer within " + Durations.format(INSPECT_TIMEOUT)
                        : removed.lastLine()) + ")");
            }
        } catch (IOException | RuntimeException e) {
            try {
                note(input, "the image stays on this machine: " + shown + " could not run (" + e + ")");
            } catch (IOException unwritable) {
                // the log itself cannot be written: nothing is left to tell, and the build goes on regardless
            }
        }
    }

    private StageResult<String> pushBoth(Input input, BooleanSupplier cancelled) throws IOException {
        String shown = engineName();
        for (String tag : List.of(input.versionTag(), input.commitTag())) {
            List<String> push = List.of(engine, "push", tag);
            ProcessRunner.Outcome pushed = runner.run(new ProcessRunner.Command(push, shown + " push " + tag,
                    input.folder(), environment, input.timeout(), input.logFile()), cancelled);
            if (pushed.timedOut()) {
                return timedOut(input, shown + " push " + tag);
            }
            if (pushed.exitCode() != 0) {
                return new StageResult.Failed<>(shown + " push of " + tag + " failed with exit code " + pushed.exitCode()
                        + " (is the registry reachable, and is this machine logged in to it?)", pushed.exitCode(),
                        StepLog.read(input.logFile()), "image push failed with exit code " + pushed.exitCode());
            }
        }
        Captured inspected = capture(List.of(engine, "image", "inspect", "--format",
                        "{{range .RepoDigests}}{{println .}}{{end}}", input.versionTag()),
                shown + " image inspect --format {{range .RepoDigests}}{{println .}}{{end}} " + input.versionTag(),
                input, INSPECT_TIMEOUT, cancelled);
        String reference = reference(input.spec().repository(), inspected.output(), StepLog.read(input.logFile()));
        if (reference == null) {
            String reason = "pushed " + input.versionTag() + ", but the digest the registry gave it could not be read";
            note(input, reason);
            return new StageResult.Failed<>(reason, inspected.outcome().exitCode(), StepLog.read(input.logFile()),
                    "image digest could not be read");
        }
        note(input, "pushed " + reference);
        return new StageResult.Succeeded<>(reference, 0, StepLog.read(input.logFile()));
    }

    /**
     * The pushed image's reference: the repository's entry of the image's repo digests, else the digest
     * {@code docker push} printed last.
     */
    static String reference(String repository, String repoDigests, String pushLog) {
        for (String line : repoDigests.lines().map(String::strip).toList()) {
            if (line.startsWith(repository + "@") && DIGEST.matcher(line.substring(repository.length() + 1)).matches()) {
                return line;
            }
        }
        String digest = null;
        Matcher m = PUSHED_DIGEST.matcher(pushLog);
        while (m.find()) {
            digest = m.group(1);
        }
        return digest == null ? null : repository + "@" + digest;
    }

    /** 2.5 for 2.5 GiB, 2 for exactly 2 GiB. */
    static String gib(long bytes) {
        return BigDecimal.valueOf(bytes).divide(GIB, 2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    private String engineName() {
        Path name = Path.of(engine).getFileName();
        return name == null ? engine : name.toString();
    }

    private <T> StageResult<T> timedOut(Input input, String what) throws IOException {
        return new StageResult.Failed<>(what + " of " + input.component() + " exceeded its timeout of "
                + Durations.format(input.timeout()) + " and was stopped (raise 'timeout:' of " + input.component()
                + " if it needs longer)", null, StepLog.read(input.logFile()), what + " timed out");
    }

    /** @param output what the command printed, without the line showing the command */
    private record Captured(ProcessRunner.Outcome outcome, String output) {
        /** The last line the command printed, which is where engines say what went wrong. */
        String lastLine() {
            List<String> lines = new ArrayList<>(output.lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("[stopped ")).toList());
            return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
        }
    }

    /** Runs a short command into a file of its own, adds what it printed to the step's log and returns it. */
    private Captured capture(List<String> command, String shown, Input input, Duration timeout, BooleanSupplier cancelled)
            throws IOException {
        Files.createDirectories(input.logFile().getParent());
        Path out = Files.createTempFile(input.logFile().getParent(), input.component() + "-", ".out");
        try {
            ProcessRunner.Outcome outcome = runner.run(new ProcessRunner.Command(command, shown, input.folder(),
                    environment, timeout, out), cancelled);
            String text = StepLog.read(out);
            Files.writeString(input.logFile(), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            int firstLineEnd = text.indexOf('\n');
            return new Captured(outcome, firstLineEnd < 0 ? "" : text.substring(firstLineEnd + 1));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** {@code result} with the step's log as it is now, after what came later (the image's removal) was added. */
    private static <T> StageResult<T> withCurrentLog(StageResult<T> result, Input input) throws IOException {
        String log = StepLog.read(input.logFile());
        if (result instanceof StageResult.Succeeded<T> succeeded) {
            return new StageResult.Succeeded<>(succeeded.value(), succeeded.exitCode(), log);
        }
        StageResult.Failed<T> failed = (StageResult.Failed<T>) result;
        return new StageResult.Failed<>(failed.reason(), failed.exitCode(), log, failed.summary());
    }

    private static void note(Input input, String text) throws IOException {
        Files.createDirectories(input.logFile().getParent());
        Files.writeString(input.logFile(), text + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
