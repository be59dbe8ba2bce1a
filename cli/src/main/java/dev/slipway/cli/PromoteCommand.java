package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.events.DeployFailed;
import dev.slipway.events.DeployRequested;
import dev.slipway.events.DeploySucceeded;
import dev.slipway.events.DeploySuperseded;
import dev.slipway.events.DeployWaiting;
import dev.slipway.events.Envelope;
import dev.slipway.events.PipelineEvent;
import dev.slipway.events.PromoteRefused;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

// no standard help mixin: its --version would take the place of the version to promote
@Command(name = "promote",
        description = {"Deploy to one environment the exact artifacts and commit that passed another (US4): no rebuild, "
                + "the target environment's own variables and secrets.",
                "The source release must have gone live and passed its health checks; deploy-service refuses anything "
                        + "else and says why. Promoting lifts a rollback's pin on the target.",
                "When the target requires other environments the commit has not passed yet, the deployment waits and "
                        + "starts on its own once the rule is met.",
                "Asked through deploy-service's API with a deployer token (SLIPWAY_TOKEN, else the credentials "
                        + "./slipway up writes on this machine); its progress is followed on the pipeline's events.",
                "Exit status: 0 live or waiting, 1 refused or failed, 2 refused as invalid, 3 nothing to promote, "
                        + "4 no token or not a deployer's."})
class PromoteCommand implements Callable<Integer> {
    private static final Duration WAIT = Duration.ofMinutes(10);

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Parameters(index = "0", paramLabel = "<app>")
    String app;

    @Option(names = "--from", required = true, paramLabel = "<environment>",
            description = "Where the release passed, e.g. staging")
    String from;

    @Option(names = "--to", required = true, paramLabel = "<environment>", description = "Where it goes, e.g. production")
    String to;

    @Option(names = "--version", paramLabel = "<n>",
            description = "The version of --from to promote (default: what is live there now)")
    Long version;

    @Option(names = "--reason", paramLabel = "<text>", description = "Why; recorded with the deployment's trigger")
    String reason;

    @Option(names = "--output", defaultValue = "human", description = "human or json (one object with the outcome)")
    OutputFormat output;

    String deployUrl = Endpoints.deploy();
    String kafka = Endpoints.kafka();
    Credentials credentials = Credentials.system();
    Supplier<EventFeed> events = () -> new PipelineWatcher(kafka);

    /** The release to promote, as deploy-service lists it. */
    record Source(long version, String commitSha, long buildNumber, String health) {
    }

    @Override
    public Integer call() {
        if (from.equals(to)) {
            throw new CliException("--from and --to are both '" + from + "': promote to another environment", 2);
        }
        boolean json = output == OutputFormat.json;
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter progress = json ? spec.commandLine().getErr() : out;
        DeployApi api = new DeployApi(new Http(credentials), deployUrl);
        Source source = source(api, app, from, version);
        progress.printf("promoting %s/%s v%d (commit %s, build #%d, health %s) to %s/%s%n", app, from, source.version(),
                DeployApi.shortSha(source.commitSha()), source.buildNumber(), source.health(), app, to);
        progress.flush();

        // names the version shown above, so what is promoted is what was shown even if --from changes meanwhile
        ObjectNode body = Http.JSON.createObjectNode().put("from", from).put("to", to)
                .put("fromVersion", source.version());
        if (reason == null) {
            body.putNull("reason");
        } else {
            body.put("reason", reason);
        }
        ObjectNode result = Http.JSON.createObjectNode().put("app", app).put("environment", to)
                .put("fromEnvironment", from).put("fromVersion", source.version()).put("commitSha", source.commitSha());
        OpsRequest request;
        try {
            request = OpsRequest.send(api.http(), api.app(app) + "/promotions", body,
                    "promotion of " + app + "/" + from + " to " + to, events);
        } catch (OpsRequest.Refused refused) {
            if (refused.status() != 409) {
                throw refused;
            }
            // refused at once (the release has not passed its checks, say): the same outcome as a PromoteRefused
            Outcome outcome = new Outcome("refused", to, null, null, source.commitSha(), refused.reason());
            if (json) {
                print(out, outcome.addTo(result));
            } else {
                outcome.print(out, app);
                out.flush();
            }
            return outcome.exitCode();
        }
        try (OpsRequest sent = request) {
            result.put("requestId", sent.id());
            progress.printf("promotion requested (event %s)%n", sent.id());
            progress.flush();
            while (true) {
                Optional<Envelope<?>> next = sent.nextAnswer(WAIT);
                if (next.isEmpty()) {
                    if (json) {
                        print(out, result.put("outcome", "unknown").put("reason", "no outcome within "
                                + WAIT.toMinutes() + " min"));
                        return 1;
                    }
                    throw new CliException("no outcome within " + WAIT.toMinutes() + " min; it may still deploy: "
                            + "./slipway status " + app);
                }
                PipelineEvent data = next.get().data();
                progress.printf("  [%5.1f s] %s%n", sent.elapsedSeconds(), DemoStory.describe(data));
                progress.flush();
                if (data instanceof DeployRequested requested) {
                    result.put("version", requested.version()).put("trigger", requested.trigger());
                }
                Outcome outcome = outcomeOf(next.get());
                if (outcome != null) {
                    if (json) {
                        print(out, outcome.addTo(result));
                    } else {
                        outcome.print(out, app);
                    }
                    out.flush();
                    return outcome.exitCode();
                }
            }
        }
    }

    /**
     * How a promotion ended, from deploy-service's answer.
     *
     * @param outcome  {@code live}, {@code waiting}, {@code refused}, {@code failed} or {@code superseded}
     * @param version  the target environment's version it was given; null when refused
     */
    record Outcome(String outcome, String environment, Long version, String url, String commitSha, String reason) {

        int exitCode() {
            return outcome.equals("live") || outcome.equals("waiting") ? 0 : 1;
        }

        ObjectNode addTo(ObjectNode result) {
            result.put("outcome", outcome);
            if (version != null) {
                result.put("version", version);
            }
            if (url != null) {
                result.put("url", url);
            }
            if (reason != null) {
                result.put("reason", reason);
            }
            return result;
        }

        void print(PrintWriter out, String app) {
            switch (outcome) {
                case "live" -> {
                    out.printf("live: %s version %d commit %s%n", url, version, commitSha);
                    out.printf("health checks follow: ./slipway status %s%n", app);
                }
                case "waiting" -> {
                    out.printf("%s/%s v%d waits: %s%n", app, environment, version, reason);
                    out.printf("it deploys on its own once the rule is met (unless a newer release supersedes it); "
                            + "watch it with ./slipway status %s%n", app);
                }
                case "refused" -> out.printf("promotion refused, nothing deployed: %s%n", reason);
                case "failed" -> out.printf("promotion failed: %s/%s keeps serving what it served; see "
                        + "./slipway deploy-log %s %s %d%n", app, environment, app, environment, version);
                default -> out.printf("v%d was %s before it started; see ./slipway status %s%n", version, reason, app);
            }
        }
    }

    /** The outcome an answer to the promotion means; null while it goes on (requested, started). */
    static Outcome outcomeOf(Envelope<?> answer) {
        PipelineEvent data = answer.data();
        String commit = answer.metadata().commitSha();
        if (data instanceof PromoteRefused refused) {
            return new Outcome("refused", refused.environment(), null, null, commit, refused.reason());
        } else if (data instanceof DeployWaiting waiting) {
            return new Outcome("waiting", waiting.environment(), waiting.version(), null, commit, waiting.reason());
        } else if (data instanceof DeploySucceeded live) {
            return new Outcome("live", live.environment(), live.version(), live.url(), commit, null);
        } else if (data instanceof DeployFailed failed) {
            return new Outcome("failed", failed.environment(), failed.version(), null, commit, failed.reason());
        } else if (data instanceof DeploySuperseded superseded) {
            return new Outcome("superseded", superseded.environment(), superseded.version(), null, commit,
                    "superseded by v" + superseded.supersededBy());
        }
        return null;
    }

    /**
     * What will be promoted: {@code version} of {@code from} if it went live, else what {@code from} serves now.
     *
     * @throws CliException (exit 3) naming what is missing: the app, the environment, a live release, the version
     */
    static Source source(DeployApi api, String app, String from, Long version) {
        JsonNode env = api.environment(app, from);
        if (version == null) {
            JsonNode live = env.path("live");
            if (!live.hasNonNull("version")) {
                String why = env.path("tornDown").hasNonNull("reason")
                        ? " (it was torn down: " + env.get("tornDown").get("reason").asText() + ")" : "";
                throw new CliException(app + "/" + from + " has nothing live to promote" + why
                        + "; deploy to it first, or name a version that went live there with --version", 3);
            }
            return source(live);
        }
        for (JsonNode d : api.deployments(app, from, 200)) {
            if (d.path("version").asLong() == version) {
                if (!"SUCCEEDED".equals(d.path("status").asText())) {
                    throw new CliException(app + "/" + from + " v" + version + " never went live (it "
                            + d.path("status").asText().toLowerCase() + "); promote a version that did: "
                            + "./slipway deployments " + app + " --env " + from, 3);
                }
                return source(d);
            }
        }
        throw new CliException(app + "/" + from + " has no version " + version + " among its last 200 deployments; "
                + "see ./slipway deployments " + app + " --env " + from, 3);
    }

    private static Source source(JsonNode deployment) {
        return new Source(deployment.path("version").asLong(), deployment.path("commitSha").asText(),
                deployment.path("buildNumber").asLong(),
                deployment.hasNonNull("health") ? deployment.get("health").asText().toLowerCase() : "not checked yet");
    }

    private static void print(PrintWriter out, ObjectNode result) {
        out.println(result.toPrettyString());
        out.flush();
    }
}
