package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.events.Envelope;
import dev.slipway.events.PipelineEvent;
import dev.slipway.events.RollbackCompleted;
import dev.slipway.events.RollbackFailed;
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

@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Switch an environment back to the previous (or a named) version's exact release, and pin it there (FR-008).",
                "The release runs with the variables and secrets it ran with before, not today's.",
                "Asked through deploy-service's API with a deployer token (SLIPWAY_TOKEN, else the credentials "
                        + "./slipway up writes on this machine); its progress is followed on the pipeline's events.",
                "Exit status: 0 rolled back, 1 failed, 2 refused as invalid, 3 nothing to roll back (unknown app, "
                        + "environment or version), 4 no token or not a deployer's."})
class RollbackCommand implements Callable<Integer> {
    private static final Duration WAIT = Duration.ofMinutes(3);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<app>")
    String app;

    @Parameters(index = "1", paramLabel = "<environment>")
    String environment;

    @Option(names = "--to", paramLabel = "<version>", description = "The version to restore (default: the one live before the current)")
    Long toVersion;

    @Option(names = "--reason", paramLabel = "<text>", defaultValue = "manual rollback", description = "Why; shown with the pin")
    String reason;

    @Option(names = "--output", defaultValue = "human", description = "human or json (one object with the outcome)")
    OutputFormat output;

    String deployUrl = Endpoints.deploy();
    String kafka = Endpoints.kafka();
    Credentials credentials = Credentials.system();
    Supplier<EventFeed> events = () -> new PipelineWatcher(kafka);

    @Override
    public Integer call() {
        boolean json = output == OutputFormat.json;
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter progress = json ? spec.commandLine().getErr() : out;
        DeployApi api = new DeployApi(new Http(credentials), deployUrl);
        requireSomethingLive(api);
        ObjectNode body = Http.JSON.createObjectNode();
        if (toVersion == null) {
            body.putNull("toVersion");
        } else {
            body.put("toVersion", toVersion);
        }
        body.put("reason", reason);
        try (OpsRequest sent = OpsRequest.send(api.http(), api.environmentUrl(app, environment) + "/rollbacks", body,
                "rollback of " + app + "/" + environment, events)) {
            ObjectNode result = Http.JSON.createObjectNode().put("app", app).put("environment", environment)
                    .put("requestId", sent.id());
            progress.printf("rollback of %s/%s to %s requested (event %s)%n", app, environment,
                    toVersion == null ? "the previous version" : "version " + toVersion, sent.id());
            progress.flush();
            while (true) {
                Optional<Envelope<?>> next = sent.nextAnswer(WAIT);
                if (next.isEmpty()) {
                    throw new CliException("no answer from deploy-service within " + WAIT.toMinutes()
                            + " min; see ./slipway status " + app);
                }
                PipelineEvent data = next.get().data();
                progress.printf("  [%5.1f s] %s%n", sent.elapsedSeconds(), DemoStory.describe(data));
                progress.flush();
                if (data instanceof RollbackCompleted done) {
                    if (json) {
                        result.put("outcome", "rolled-back").put("fromVersion", done.fromVersion())
                                .put("toVersion", done.toVersion()).put("url", done.url())
                                .put("commitSha", next.get().metadata().commitSha());
                        out.println(result.toPrettyString());
                    } else {
                        out.printf("%s/%s is pinned there; new pushes wait until ./slipway resume %s %s%n",
                                app, environment, app, environment);
                    }
                    out.flush();
                    return 0;
                }
                if (data instanceof RollbackFailed failed) {
                    if (json) {
                        out.println(result.put("outcome", "failed").put("reason", failed.reason()).toPrettyString());
                        out.flush();
                    }
                    return 1;
                }
            }
        }
    }

    /** Nothing live, nothing to roll back from: said before anything is asked. */
    private void requireSomethingLive(DeployApi api) {
        JsonNode env = api.environment(app, environment);
        if (!env.path("live").hasNonNull("commitSha")) {
            throw new CliException(app + "/" + environment + " has nothing live to roll back from", 3);
        }
    }
}
