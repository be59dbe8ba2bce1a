package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.events.Envelope;
import dev.slipway.events.EventCodec;
import dev.slipway.events.PipelineEvent;
import dev.slipway.events.RollbackCompleted;
import dev.slipway.events.RollbackFailed;
import dev.slipway.events.RollbackRequested;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Switch an environment back to the previous (or a named) version's exact release, and pin it there (FR-008).")
class RollbackCommand implements Callable<Integer> {
    private static final Duration WAIT = Duration.ofMinutes(3);

    @Parameters(index = "0", paramLabel = "<app>")
    String app;

    @Parameters(index = "1", paramLabel = "<environment>")
    String environment;

    @Option(names = "--to", paramLabel = "<version>", description = "The version to restore (default: the one live before the current)")
    Long toVersion;

    @Option(names = "--reason", paramLabel = "<text>", defaultValue = "manual rollback", description = "Why; shown with the pin")
    String reason;

    @Override
    public Integer call() {
        String liveCommit = liveCommit();
        Envelope<RollbackRequested> request = Envelope.first("cli", liveCommit, new RollbackRequested(app, environment,
                toVersion, reason, System.getProperty("user.name", "unknown"), null), Clock.systemUTC());
        Instant asked = Instant.now();
        try (PipelineWatcher watcher = new PipelineWatcher(Endpoints.kafka())) {
            publish(request);
            System.out.printf("rollback of %s/%s to %s requested (event %s)%n", app, environment,
                    toVersion == null ? "the previous version" : "version " + toVersion, request.metadata().id());
            while (true) {
                Optional<Envelope<?>> next = watcher.next(e -> request.metadata().id().equals(e.metadata().correlationId())
                        && !e.metadata().id().equals(request.metadata().id()), WAIT.minus(Duration.between(asked, Instant.now())));
                if (next.isEmpty()) {
                    throw new CliException("no answer from deploy-service within " + WAIT.toMinutes()
                            + " min; see ./slipway status " + app);
                }
                PipelineEvent data = next.get().data();
                System.out.printf("  [%5.1f s] %s%n", Duration.between(asked, Instant.now()).toMillis() / 1000.0,
                        DemoStory.describe(data));
                if (data instanceof RollbackCompleted) {
                    System.out.printf("%s/%s is pinned there; new pushes wait until ./slipway resume %s %s%n",
                            app, environment, app, environment);
                    return 0;
                }
                if (data instanceof RollbackFailed) {
                    return 1;
                }
            }
        }
    }

    /** The commit live now: a rollback request is about it. */
    private String liveCommit() {
        Http.Answer answer = Http.get(Endpoints.deploy() + "/api/apps/" + app + "/environments");
        if (answer.status() != 200) {
            throw new CliException(answer.message(), answer.status() == 404 ? 3 : 1);
        }
        for (JsonNode env : answer.json()) {
            if (env.path("environment").asText().equals(environment)) {
                if (!env.path("live").hasNonNull("commitSha")) {
                    throw new CliException(app + "/" + environment + " has nothing live to roll back from", 3);
                }
                return env.path("live").path("commitSha").asText();
            }
        }
        throw new CliException(app + " has no environment '" + environment + "'", 3);
    }

    private static void publish(Envelope<RollbackRequested> request) {
        try (KafkaProducer<String, CloudEvent> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Endpoints.kafka(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000),
                new StringSerializer(), new CloudEventSerializer())) {
            producer.send(new ProducerRecord<>(request.type().topic(), request.key(), EventCodec.toCloudEvent(request)))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new CliException("could not publish the rollback request to Kafka at " + Endpoints.kafka() + ": "
                    + e.getMessage());
        }
    }
}
