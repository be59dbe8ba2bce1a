package dev.slipway.deploy.domain.huggingface;

import dev.slipway.deploy.domain.Sleeper;
import dev.slipway.deploy.domain.DeployException;
import dev.slipway.deploy.domain.DeployLog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Deploys a backend to a Docker Space on the Hugging Face Hub (FR-004): the Space's repository becomes exactly the
 * component's files (plus the README.md the Hub reads the Space's settings from), its variables and secrets are set,
 * it is restarted and watched until it runs.
 * <p>
 * Variables Slipway sets carry {@link #MANAGED} as their description, so a later deploy removes the ones the
 * environment no longer has and leaves alone those set by hand on the Hub. The Hub never lists secrets, so the
 * caller names the ones Slipway set before that the environment no longer has, and those are removed.
 * <p>
 * The Hub rebuilds a Space on a commit and restarts it on every variable or secret change, so the files go first,
 * the configuration after, then one explicit restart, after which the runtime is watched. A stage read right after
 * a restart can still be the one from before it; see {@link Settings#runningGracePolls()} for when RUNNING is
 * believed.
 */
public final class SpaceDeployer {
    /** The Hub serves a Space's app at {@code https://{owner}-{name}.hf.space}, see {@link SpaceId#subdomain()}. */
    public static final String DEFAULT_URL_TEMPLATE = "https://{subdomain}.hf.space/";
    static final String MANAGED = "Set by Slipway on every deploy; a change made here is overwritten";
    private static final String DOCKERFILE = "Dockerfile";
    private static final String README = "README.md";
    /** Files the Hub itself keeps in every Space; a release that lacks them does not remove them. */
    private static final Set<String> HUB_FILES = Set.of(README, ".gitattributes");
    /** Where the Hub sends a Docker Space's traffic unless README.md's app_port says otherwise. */
    private static final int HUB_DEFAULT_APP_PORT = 7860;
    private static final Pattern EXPOSE = Pattern.compile("(?im)^\\s*EXPOSE\\s+(\\d{1,5})");
    private static final Pattern FRONT_MATTER = Pattern.compile("\\A---\\r?\\n(.*?)(?:\\r?\\n)?^---\\s*$",
            Pattern.DOTALL | Pattern.MULTILINE);
    private static final Pattern SDK = Pattern.compile("(?m)^sdk:\\s*['\"]?([A-Za-z0-9_-]+)");
    private static final Pattern APP_PORT = Pattern.compile("(?m)^app_port:");

    /**
     * @param urlTemplate       the Space app's URL: {@code {subdomain}}, {@code {owner}} and {@code {name}} are
     *                          filled in as the Hub puts them in host names ({@link SpaceId#hostForm});
     *                          {@link #DEFAULT_URL_TEMPLATE} on the real Hub
     * @param privateSpace      whether a Space Slipway creates is private
     * @param pollInterval      how often the runtime stage is read while the Space builds and starts
     * @param timeout           how long a Space may take from restart to RUNNING
     * @param runningGracePolls when RUNNING is believed after the restart: once the runtime was seen in any other
     *                          stage since the restart (the restart's own answer counts), since until then RUNNING
     *                          may be the run from before; or else once the runtime was read this many times after
     *                          the restart's answer, all RUNNING, since a restart can be over before a read sees
     *                          it. Either way the wait ends, so a build too fast to be seen cannot hang a deploy.
     *                          0 believes RUNNING at once.
     */
    public record Settings(String urlTemplate, boolean privateSpace, Duration pollInterval, Duration timeout,
                           int runningGracePolls) {
        /** Runtime reads, all RUNNING, after which RUNNING is believed unless {@link Settings} say otherwise. */
        public static final int DEFAULT_RUNNING_GRACE_POLLS = 3;

        public Settings {
            if (!urlTemplate.contains("{subdomain}") && !urlTemplate.contains("{name}")) {
                throw new IllegalArgumentException("the Space URL template must contain {subdomain} or {owner} and"
                        + " {name}; got '" + urlTemplate + "'");
            }
            if (pollInterval.isNegative() || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the poll interval must not be negative and the timeout must be"
                        + " positive; got " + pollInterval + " and " + timeout);
            }
            if (runningGracePolls < 0) {
                throw new IllegalArgumentException("the running grace polls must not be negative; got "
                        + runningGracePolls);
            }
            if (pollInterval.multipliedBy(runningGracePolls).compareTo(timeout) >= 0) {
                throw new IllegalArgumentException("the running grace (" + runningGracePolls + " polls of "
                        + pollInterval + ") must end before the timeout " + timeout);
            }
        }

        /** With {@link #DEFAULT_RUNNING_GRACE_POLLS}. */
        public Settings(String urlTemplate, boolean privateSpace, Duration pollInterval, Duration timeout) {
            this(urlTemplate, privateSpace, pollInterval, timeout, DEFAULT_RUNNING_GRACE_POLLS);
        }

        public static Settings hub() {
            return new Settings(DEFAULT_URL_TEMPLATE, true, Duration.ofSeconds(10), Duration.ofMinutes(15));
        }
    }

    private final HubClient hub;
    private final Settings settings;
    private final Clock clock;
    private final Sleeper sleeper;

    public SpaceDeployer(HubClient hub, Settings settings, Clock clock, Sleeper sleeper) {
        this.hub = hub;
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * Makes the Space run {@code appDir}'s files with these variables and secrets: creates it when missing, commits
     * the files (removing what the release lacks), removes the secrets the environment dropped, sets the variables
     * and secrets, restarts it once and waits until it is RUNNING. Deploying a previous release's files again is how
     * that release is restored.
     *
     * @param space          {@code owner/name}
     * @param appDir         the component's unpacked files, named after the component; a Dockerfile at its root
     * @param removedSecrets secrets Slipway set on the Space before that the environment no longer has; those also
     *                       in {@code secrets} are kept. Removing one the Space does not have is no error.
     * @param summary        the commit's title, e.g. {@code shop 42 (9049f12)}
     * @throws DeployException when the release cannot run as a Docker Space or the Space does not reach RUNNING
     * @throws HubException    when the Hub refuses a request or cannot be reached
     */
    public SpaceRevision deploy(String space, Path appDir, Map<String, String> variables, Map<String, String> secrets,
                                Set<String> removedSecrets, String summary, DeployLog log) {
        SpaceId id = spaceId(space);
        Set<String> both = new HashSet<>(variables.keySet());
        both.retainAll(secrets.keySet());
        if (!both.isEmpty()) {
            throw new DeployException("huggingface: " + String.join(", ", both.stream().sorted().toList())
                    + " is both a variable and a secret; a Space takes each name once");
        }
        List<SpaceFile> files = releaseFiles(appDir, id, log);

        if (hub.createSpaceIfMissing(id, settings.privateSpace(), "docker")) {
            log.line("huggingface: created " + (settings.privateSpace() ? "private" : "public") + " Docker Space " + id);
        }
        SpaceCommit commit = commitFiles(id, files, summary, log);

        // Removed first, so that a name moving from the secrets to the variables is free when it is set.
        List<String> dropped = removedSecrets.stream().filter(key -> !secrets.containsKey(key)).sorted().toList();
        dropped.forEach(key -> hub.deleteSecret(id, key));
        if (!dropped.isEmpty()) {
            log.line("huggingface: removed secret(s) " + String.join(", ", dropped) + " from " + id);
        }
        syncVariables(id, variables, log);
        new TreeMap<>(secrets).forEach((key, value) -> hub.setSecret(id, key, value, MANAGED));
        if (!secrets.isEmpty()) {
            log.line("huggingface: set " + secrets.size() + " secret(s) on " + id);
        }

        awaitRunning(id, hub.restart(id), log);
        return new SpaceRevision(id.toString(), commit.oid(), appUrl(space));
    }

    private SpaceCommit commitFiles(SpaceId id, List<SpaceFile> files, String summary, DeployLog log) {
        Set<String> releasePaths = new HashSet<>();
        files.forEach(f -> releasePaths.add(f.path()));
        List<String> deletions = hub.files(id).stream()
                .filter(p -> !releasePaths.contains(p) && !HUB_FILES.contains(p)).sorted().toList();
        SpaceCommit commit = hub.commit(id, summary == null || summary.isBlank() ? "Deploy by Slipway" : summary,
                "Deployed by Slipway", files, deletions);
        log.line("huggingface: committed " + commit.written().size() + " files to " + id
                + (deletions.isEmpty() ? "" : " and removed " + deletions.size()) + " (rev " + commit.shortOid() + ")");
        if (!commit.ignored().isEmpty()) {
            log.line("huggingface: the Hub ignored " + String.join(", ", commit.ignored()));
        }
        return commit;
    }

    /** The Space's runtime stage now, e.g. RUNNING or BUILD_ERROR. */
    public String runtimeStage(String space) {
        return hub.runtime(spaceId(space)).stage();
    }

    /** Where the Space's app answers. */
    public URI appUrl(String space) {
        SpaceId id = spaceId(space);
        return URI.create(settings.urlTemplate().replace("{subdomain}", id.subdomain())
                .replace("{owner}", SpaceId.hostForm(id.owner())).replace("{name}", SpaceId.hostForm(id.name())));
    }

    /**
     * Deletes the Space (a torn-down preview's).
     *
     * @return whether it existed
     */
    public boolean delete(String space) {
        return hub.deleteSpace(spaceId(space));
    }

    private void syncVariables(SpaceId id, Map<String, String> wanted, DeployLog log) {
        Map<String, SpaceVariable> present = hub.variables(id);
        int set = 0;
        for (Map.Entry<String, String> variable : new TreeMap<>(wanted).entrySet()) {
            SpaceVariable now = present.get(variable.getKey());
            if (now == null || !now.value().equals(variable.getValue()) || !MANAGED.equals(now.description())) {
                hub.setVariable(id, variable.getKey(), variable.getValue(), MANAGED);
                set++;
            }
        }
        List<String> stale = present.entrySet().stream()
                .filter(e -> MANAGED.equals(e.getValue().description()) && !wanted.containsKey(e.getKey()))
                .map(Map.Entry::getKey).sorted().toList();
        stale.forEach(key -> hub.deleteVariable(id, key));
        List<String> changes = new ArrayList<>();
        if (set > 0) {
            changes.add("set " + set + " variable(s)");
        }
        if (!stale.isEmpty()) {
            changes.add("removed variable(s) " + String.join(", ", stale));
        }
        if (!changes.isEmpty()) {
            log.line("huggingface: " + String.join(" and ", changes) + " on " + id);
        }
    }

    /** Waits for RUNNING as {@link Settings#runningGracePolls()} says; an error stage fails at once. */
    private void awaitRunning(SpaceId id, SpaceRuntime afterRestart, DeployLog log) {
        Instant deadline = clock.instant().plus(settings.timeout());
        SpaceRuntime runtime = afterRestart;
        boolean restartSeen = false;
        int reads = 0;
        String logged = null;
        while (true) {
            restartSeen |= !runtime.isRunning();
            if (runtime.isRunning() && restartSeen) {
                log.line("huggingface: " + id + " " + SpaceRuntime.RUNNING);
                return;
            }
            if (runtime.isRunning() && reads >= settings.runningGracePolls()) {
                log.line("huggingface: " + id + " " + SpaceRuntime.RUNNING + " in all " + (reads + 1)
                        + " answer(s) since the restart: taken as restarted too quickly to be seen");
                return;
            }
            if (!runtime.stage().equals(logged)) {
                log.line("huggingface: " + id + " " + runtime.stage()
                        + (runtime.isRunning() ? " (not yet seen restarting: maybe the run from before)" : ""));
                logged = runtime.stage();
            }
            if (runtime.hasFailed()) {
                throw new DeployException("huggingface: " + id + " ended in " + runtime.stage() + ": "
                        + (runtime.errorMessage() == null ? "the Hub gave no error message" : runtime.errorMessage())
                        + " (logs: " + hub.baseUrl() + "/spaces/" + id + ")");
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new DeployException("huggingface: " + id + " was not RUNNING within " + settings.timeout()
                        + "; its last stage was " + runtime.stage() + " (logs: " + hub.baseUrl() + "/spaces/" + id + ")");
            }
            try {
                sleeper.sleep(settings.pollInterval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeployException("huggingface: interrupted while waiting for " + id + " to run", e);
            }
            runtime = hub.runtime(id);
            reads++;
        }
    }

    /** The files to commit; everything a Docker Space needs is checked here, before the Hub is asked anything. */
    private List<SpaceFile> releaseFiles(Path appDir, SpaceId id, DeployLog log) {
        String component = appDir.getFileName() == null ? appDir.toString() : appDir.getFileName().toString();
        if (!Files.isDirectory(appDir)) {
            throw new DeployException("huggingface: component '" + component + "' has no files at " + appDir);
        }
        Path dockerfile = appDir.resolve(DOCKERFILE);
        if (!Files.isRegularFile(dockerfile)) {
            throw new DeployException("huggingface: a Docker Space needs a Dockerfile at the root of component '"
                    + component + "'; there is none in " + appDir);
        }
        List<SpaceFile> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(appDir)) {
            for (Path path : walk.sorted().toList()) {
                String relative = appDir.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
                if (Files.isSymbolicLink(path)) {
                    throw new DeployException("huggingface: '" + relative + "' in component '" + component
                            + "' is a symbolic link; a Space's repository takes regular files only");
                }
                if (Files.isRegularFile(path)) {
                    files.add(new SpaceFile(relative, Files.readAllBytes(path)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read component '" + component + "' at " + appDir, e);
        }
        String dockerText = new String(readAll(dockerfile), StandardCharsets.UTF_8);
        files.replaceAll(f -> f.path().equals(README) ? readme(f, id, dockerText, log) : f);
        if (files.stream().noneMatch(f -> f.path().equals(README))) {
            files.add(new SpaceFile(README, frontMatter(id, dockerText).getBytes(StandardCharsets.UTF_8)));
        }
        return files;
    }

    /**
     * The Hub reads a Space's SDK and port from README.md's front matter: a README without front matter gets
     * Slipway's on top; one that names another SDK is refused.
     */
    private SpaceFile readme(SpaceFile given, SpaceId id, String dockerfile, DeployLog log) {
        String text = new String(given.content(), StandardCharsets.UTF_8);
        Matcher matter = FRONT_MATTER.matcher(text);
        if (!matter.find()) {
            return new SpaceFile(README, (frontMatter(id, dockerfile) + "\n" + text).getBytes(StandardCharsets.UTF_8));
        }
        Matcher sdk = SDK.matcher(matter.group(1));
        String declared = sdk.find() ? sdk.group(1) : null;
        if (!"docker".equals(declared)) {
            throw new DeployException("huggingface: README.md's front matter must say 'sdk: docker' for a Docker"
                    + " Space; it says " + (declared == null ? "no sdk" : "'sdk: " + declared + "'"));
        }
        int exposed = exposedPort(dockerfile);
        if (!APP_PORT.matcher(matter.group(1)).find() && exposed != HUB_DEFAULT_APP_PORT) {
            log.line("huggingface: README.md has no app_port, so the Hub sends traffic to port "
                    + HUB_DEFAULT_APP_PORT + " while the Dockerfile exposes " + exposed);
        }
        return given;
    }

    private static String frontMatter(SpaceId id, String dockerfile) {
        return "---\ntitle: " + id.name() + "\nsdk: docker\napp_port: " + exposedPort(dockerfile) + "\n---\n";
    }

    private static int exposedPort(String dockerfile) {
        Matcher expose = EXPOSE.matcher(dockerfile);
        return expose.find() ? Integer.parseInt(expose.group(1)) : HUB_DEFAULT_APP_PORT;
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SpaceId spaceId(String space) {
        try {
            return SpaceId.parse(space);
        } catch (IllegalArgumentException e) {
            throw new DeployException("huggingface: " + e.getMessage(), e);
        }
    }
}
