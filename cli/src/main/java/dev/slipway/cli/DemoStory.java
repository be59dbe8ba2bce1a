package dev.slipway.cli;

import dev.slipway.events.BranchDeleted;
import dev.slipway.events.BuildCancelled;
import dev.slipway.events.BuildFailed;
import dev.slipway.events.BuildStarted;
import dev.slipway.events.BuildSucceeded;
import dev.slipway.events.BuiltComponent;
import dev.slipway.events.CheckObservation;
import dev.slipway.events.DeployFailed;
import dev.slipway.events.DeployRequested;
import dev.slipway.events.DeployStarted;
import dev.slipway.events.DeploySucceeded;
import dev.slipway.events.DeploySuperseded;
import dev.slipway.events.DeployWaiting;
import dev.slipway.events.Envelope;
import dev.slipway.events.EnvironmentTornDown;
import dev.slipway.events.HealthFailed;
import dev.slipway.events.HealthPassed;
import dev.slipway.events.PipelineEvent;
import dev.slipway.events.PromoteRefused;
import dev.slipway.events.PromoteRequested;
import dev.slipway.events.PullRequestClosed;
import dev.slipway.events.PushReceived;
import dev.slipway.events.RollbackCompleted;
import dev.slipway.events.RollbackFailed;
import dev.slipway.events.RollbackRequested;
import dev.slipway.events.RollbackStarted;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The demo's story: a repository made from {@code examples/shop}, registered, pushed, announced to Slipway
 * by a signed webhook, and followed stage by stage on Kafka until it is live.
 */
public final class DemoStory {
    static final String REPOSITORY = "demo/shop";
    static final String BREAKING_COMMIT = "Shop: pool the database connections (leaks)";
    private static final Duration PIPELINE_TIMEOUT = Duration.ofMinutes(10);

    private final LocalStack stack;
    private final SlackReceiver slack;
    private final Path root;
    private final Path workDir;
    private final PrintStream out;
    private final Http http;

    DemoStory(LocalStack stack, SlackReceiver slack, Path root, Path workDir, PrintStream out) {
        this.stack = stack;
        this.slack = slack;
        this.root = root;
        this.workDir = workDir;
        this.out = out;
        // the stack's own deployer token, whatever SLIPWAY_TOKEN or SLIPWAY_HOME say
        this.http = new Http(Credentials.ofFile(stack.credentialsFile()));
    }

    /** @return true when the push went live and passed its health checks */
    boolean tell() {
        Progress progress = new Progress(out);
        Instant t = Instant.now();
        Path origin = workDir.resolve("shop.git");
        String sha = createRepository(origin);
        progress.done("git repository " + REPOSITORY + " from examples/shop, commit " + sha.substring(0, 7),
                Duration.between(t, Instant.now()));

        t = Instant.now();
        String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(20));
        Map<String, String> registration = new LinkedHashMap<>();
        registration.put("fullName", REPOSITORY);
        registration.put("cloneUrl", origin.toUri().toString());
        registration.put("secret", secret);
        Http.Answer registered = http.postJson(stack.url("ingest-service") + "/api/repositories", registration);
        if (registered.status() / 100 != 2) {
            throw new CliException("could not register " + REPOSITORY + ": " + registered.message());
        }
        progress.done("registered " + REPOSITORY + " with its webhook secret", Duration.between(t, Instant.now()));

        resumeIfPinned();
        try (PipelineWatcher watcher = new PipelineWatcher(stack.kafkaBootstrap())) {
            out.printf("%nAct 1: a signed push webhook for %s goes to %s%n", sha.substring(0, 7), stack.webhookUrl());
            Instant pushed = Instant.now();
            String correlation = deliver(origin, secret, GitHubPush.ZERO_SHA, sha, "Shop: first release");
            if (follow(watcher, correlation, pushed, HealthPassed.class).isEmpty()) {
                return false;
            }
            awaitSlack(pushed, m -> m.contains("is live"));

            String broken = breakTheBackend(workDir.resolve("shop"), origin);
            out.printf("%nAct 2: commit %s leaks the backend's connection pool: healthy when it starts, failing"
                    + " seconds later; watch Slipway roll it back on its own%n", broken.substring(0, 7));
            pushed = Instant.now();
            correlation = deliver(origin, secret, sha, broken, BREAKING_COMMIT);
            Optional<Envelope<?>> rolledBack = follow(watcher, correlation, pushed, RollbackCompleted.class);
            if (rolledBack.isEmpty()) {
                return false;
            }
            awaitSlack(pushed, m -> m.contains("failed its health check"));
            awaitIncident(pushed);
            RollbackCompleted restored = (RollbackCompleted) rolledBack.get().data();
            out.printf("%n%s/%s is pinned to version %d until: ./slipway resume %s %s%n", restored.app(),
                    restored.environment(), restored.toVersion(), restored.app(), restored.environment());
            out.printf("live: %s version %d commit %s%n", restored.url(), restored.toVersion(),
                    rolledBack.get().metadata().commitSha());
            return true;
        }
    }

    /**
     * Commits a backend that passes its health check when it starts and fails it a few seconds later, so the
     * release goes live and the bake window catches it; returns the commit.
     */
    public static String breakTheBackend(Path checkout, Path origin) {
        Path server = checkout.resolve("backend/server.js");
        rewrite(server, "// Slipway stops the old slot with SIGTERM", """
                // the connection pool leaks: healthy when the process starts, exhausted seconds later
                setTimeout(() => { state.healthy = false; state.reason = 'connection pool exhausted'; }, 4000);

                // Slipway stops the old slot with SIGTERM""");
        Git.run(checkout, "commit", "-q", "-am", BREAKING_COMMIT);
        Git.run(checkout, "push", "-q", origin.toUri().toString(), "main");
        return Git.run(checkout, "rev-parse", "HEAD");
    }

    /** Delivers a signed push the way GitHub does; returns the run's correlation id. */
    private String deliver(Path origin, String secret, String before, String after, String message) {
        byte[] body = GitHubPush.payload(REPOSITORY, origin.toUri().toString(), "main", before, after, message);
        Http.Answer delivered = http.post(stack.webhookUrl(), body, Map.of(
                "Content-Type", "application/json",
                "User-Agent", "GitHub-Hookshot/slipway-demo",
                "X-GitHub-Event", "push",
                "X-GitHub-Delivery", UUID.randomUUID().toString(),
                "X-Hub-Signature-256", WebhookSigner.signature(secret, body)));
        if (delivered.status() != 202 || !delivered.json().hasNonNull("eventId")) {
            throw new CliException("the webhook was not accepted (" + delivered.status() + "): " + delivered.message());
        }
        return delivered.json().get("eventId").asText();
    }

    /** An earlier demo's rollback leaves the environment pinned; the story starts from a free lane. */
    private void resumeIfPinned() {
        Http.Answer status = http.get(stack.url("deploy-service") + "/api/apps/shop/environments");
        if (status.status() != 200) {
            return;
        }
        for (var environment : status.json()) {
            if (environment.path("pinned").hasNonNull("reason")) {
                String name = environment.path("environment").asText();
                http.postJson(stack.url("deploy-service") + "/api/apps/shop/environments/" + name + "/resume", Map.of());
                out.println("  (resumed shop/" + name + ", pinned by an earlier demo)");
            }
        }
    }

    /**
     * Prints the run's events as they come until {@code goal} arrives and returns it; empty when something
     * failed that the story did not expect.
     */
    private Optional<Envelope<?>> follow(PipelineWatcher watcher, String correlation, Instant pushed,
                                         Class<? extends PipelineEvent> goal) {
        Instant deadline = pushed.plus(PIPELINE_TIMEOUT);
        while (true) {
            Optional<Envelope<?>> next = watcher.next(e -> correlation.equals(e.metadata().correlationId()),
                    Duration.between(Instant.now(), deadline));
            if (next.isEmpty()) {
                out.println("  the pipeline did not finish in " + PIPELINE_TIMEOUT.toMinutes() + " min; logs are in " + stack.logs());
                return Optional.empty();
            }
            PipelineEvent data = next.get().data();
            out.printf("  [%6.1f s] %s%n", Duration.between(pushed, Instant.now()).toMillis() / 1000.0, describe(data));
            if (goal.isInstance(data)) {
                return next;
            }
            // in act 2 the failing health check is the point of the story
            boolean expected = goal == RollbackCompleted.class && data instanceof HealthFailed;
            if (!expected && (data instanceof BuildFailed || data instanceof DeployFailed || data instanceof HealthFailed
                    || data instanceof RollbackFailed || data instanceof DeployWaiting || data instanceof DeploySuperseded)) {
                out.println("failed: see the reason above; logs are in " + stack.logs());
                return Optional.empty();
            }
        }
    }

    /** The team's message is part of the story: wait briefly for notify-service's delivery of {@code what}. */
    private void awaitSlack(Instant pushed, Predicate<String> what) {
        Optional<String> arrived;
        try {
            arrived = slack.awaitMessage(what, Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        arrived.ifPresentOrElse(message -> out.printf("  [%6.1f s] team notified on Slack: %s%n",
                        Duration.between(pushed, Instant.now()).toMillis() / 1000.0, message.lines().findFirst().orElse("")),
                () -> out.println("  (no Slack message arrived within 30 s; see "
                        + stack.logs().resolve("notify-service.log") + ")"));
    }

    /** notify-service writes the incident report once the rollback's events have settled. */
    private void awaitIncident(Instant pushed) {
        try {
            slack.awaitMessage(m -> m.contains("Incident"), Duration.ofSeconds(45)).ifPresentOrElse(
                    report -> out.printf("  [%6.1f s] incident report sent to Slack: %s%n",
                            Duration.between(pushed, Instant.now()).toMillis() / 1000.0,
                            report.lines().findFirst().orElse("")),
                    () -> out.println("  (no incident report arrived within 45 s; see "
                            + stack.logs().resolve("notify-service.log") + ")"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String describe(PipelineEvent data) {
        if (data instanceof PushReceived p) {
            return (p.pullRequest() == null ? "push received: " : "pull request #" + p.pullRequest().number()
                    + (p.pullRequest().fromFork() ? " (from a fork)" : "") + " received: ") + p.repository() + " "
                    + p.branch() + " → " + p.app() + "/" + p.environment() + (p.preview() ? " (preview)" : "");
        } else if (data instanceof BranchDeleted b) {
            return "branch " + b.branch() + " of " + b.repository() + " deleted"
                    + (b.preview() ? ": its preview " + b.app() + "/" + b.environment() + " will be torn down" : "");
        } else if (data instanceof PullRequestClosed c) {
            return "pull request #" + c.number() + " of " + c.repository() + (c.merged() ? " merged" : " closed")
                    + ": its preview " + c.app() + "/" + c.environment() + " will be torn down";
        } else if (data instanceof BuildCancelled b) {
            return "build #" + b.buildNumber() + " cancelled: " + b.reason();
        } else if (data instanceof BuildStarted b) {
            return "build #" + b.buildNumber() + " started: clone, test, coverage gate, build";
        } else if (data instanceof BuildSucceeded b) {
            return "build #" + b.buildNumber() + " succeeded: " + b.components().stream().map(DemoStory::component)
                    .collect(Collectors.joining(", "));
        } else if (data instanceof BuildFailed b) {
            return "build #" + b.buildNumber() + " FAILED at " + b.step()
                    + (b.component() == null ? "" : " of " + b.component()) + ": " + b.reason();
        } else if (data instanceof DeployRequested d) {
            return "deploy of version " + d.version() + " requested (target " + d.target() + ")"
                    + (d.trigger() == null || d.trigger().isBlank() ? "" : ": " + d.trigger());
        } else if (data instanceof DeployWaiting d) {
            return "version " + d.version() + " of " + d.app() + "/" + d.environment() + " waits: " + d.reason();
        } else if (data instanceof DeployStarted d) {
            return "deploy of version " + d.version() + " started: artifacts, migrations, idle slot, switch when ready";
        } else if (data instanceof DeploySucceeded d) {
            return "version " + d.version() + " switched live at " + d.url() + " (deploy took "
                    + d.took().toMillis() / 1000.0 + " s)";
        } else if (data instanceof DeployFailed d) {
            return "deploy of version " + d.version() + " FAILED: " + d.reason();
        } else if (data instanceof DeploySuperseded d) {
            return "version " + d.version() + " superseded by version " + d.supersededBy() + " before it started";
        } else if (data instanceof PromoteRequested p) {
            return "promotion of " + p.app() + "/" + p.fromEnvironment() + " "
                    + (p.fromVersion() == null ? "(what is live)" : "v" + p.fromVersion()) + " to " + p.environment()
                    + " requested by " + p.requestedBy()
                    + (p.reason() == null || p.reason().isBlank() ? "" : ": " + p.reason());
        } else if (data instanceof PromoteRefused p) {
            return "promotion from " + p.fromEnvironment() + " to " + p.app() + "/" + p.environment() + " REFUSED: "
                    + p.reason();
        } else if (data instanceof EnvironmentTornDown t) {
            return t.app() + "/" + t.environment() + " torn down: " + t.reason();
        } else if (data instanceof RollbackRequested r) {
            return "rollback requested by " + r.requestedBy() + ": " + r.reason();
        } else if (data instanceof RollbackStarted r) {
            return "rollback of " + r.app() + "/" + r.environment() + " from version " + r.fromVersion() + " to "
                    + r.toVersion() + " started";
        } else if (data instanceof RollbackCompleted r) {
            return "rolled back: " + r.url() + " serves version " + r.toVersion() + " again (switch took "
                    + r.took().toMillis() / 1000.0 + " s)";
        } else if (data instanceof RollbackFailed r) {
            return "rollback FAILED, nothing switched: " + r.reason();
        } else if (data instanceof HealthPassed h) {
            return "health checks passed: " + h.observations().stream().map(DemoStory::observation)
                    .collect(Collectors.joining(", "));
        } else if (data instanceof HealthFailed h) {
            return "health checks FAILED: " + h.observations().stream().map(DemoStory::observation)
                    .collect(Collectors.joining(", "));
        }
        return data.getClass().getSimpleName();
    }

    private static String component(BuiltComponent c) {
        return c.name() + " (" + c.kind() + (c.coverage() == null ? "" : String.format(", coverage %.1f %%", c.coverage())) + ")";
    }

    private static String observation(CheckObservation o) {
        return o.component() + " " + (o.status() == null ? "no answer" : "HTTP " + o.status())
                + (o.latency() == null ? "" : " in " + o.latency().toMillis() + " ms")
                + (o.error() == null ? "" : " (" + o.error() + ")");
    }

    private String createRepository(Path origin) {
        Path work = workDir.resolve("shop");
        deleteTree(work);
        deleteTree(origin);
        Git.copyTree(root.resolve("examples/shop"), work);
        Git.run(work, "init", "-q", "-b", "main");
        Git.run(work, "add", "-A");
        Git.run(work, "commit", "-q", "-m", "Shop: first release");
        try {
            Files.createDirectories(origin);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Git.run(origin, "init", "-q", "--bare", "-b", "main");
        Git.run(work, "push", "-q", origin.toUri().toString(), "main");
        return Git.run(work, "rev-parse", "HEAD");
    }

    private static void rewrite(Path file, String from, String to) {
        try {
            String text = Files.readString(file);
            if (!text.contains(from)) {
                throw new CliException(file + " no longer contains '" + from + "'; the demo's second act needs it");
            }
            Files.writeString(file, text.replace(from, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
