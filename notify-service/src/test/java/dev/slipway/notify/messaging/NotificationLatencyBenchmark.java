package dev.slipway.notify.messaging;

import dev.slipway.events.DeploySucceeded;
import dev.slipway.events.Envelope;
import dev.slipway.events.EventCodec;
import dev.slipway.events.EventType;
import dev.slipway.events.GoldenFixtures;
import dev.slipway.testsupport.SharedInfrastructure;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventSerializer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SC-006 (deployment notifications delivered within 30 seconds of status change), measured rather than asserted in
 * a timed unit test: the real notify-service on the real broker and database sends DeploySucceeded events to a signed
 * webhook channel and two Slack-compatible channels on this machine, and each message's latency is the receiver's
 * arrival time minus the event's time (the status change). Runs only when asked:
 * {@code ./mvnw -B -o test -pl notify-service -Dtest=NotificationLatencyBenchmark -Dbenchmark=notify}; the figures
 * are printed and written to {@code target/benchmark-notify.txt}.
 */
@QuarkusTest
@QuarkusTestResource(value = BenchmarkChannelsResource.class, restrictToAnnotatedClass = true)
@EnabledIfSystemProperty(named = "benchmark", matches = "notify")
class NotificationLatencyBenchmark {
    static final String ENVIRONMENT = "bench";
    private static final int EVENTS = Integer.getInteger("benchmark.events", 300);
    private static final int RATE_PER_SECOND = Integer.getInteger("benchmark.rate", 10);
    private static final Pattern VERSION = Pattern.compile("is live: version (\\d+),");

    @InjectWebhookReceiver
    WebhookReceiver webhooks;

    @InjectSlackReceiver
    SlackReceiver slack;

    @Test
    void notificationLatencyFromStatusChangeToReceiver() throws IOException {
        List<String> report = new ArrayList<>();
        report.add("notify-service latency, status change (event time) -> arrival at the receiver, " + EVENTS
                + " DeploySucceeded events per run; 1 signed webhook + 2 Slack-compatible channels per event");
        report.add(machine());
        // a short unmeasured run first: the JIT, the connection pools and the consumer's fetches warm up
        run("bench-warmup", 50, RATE_PER_SECOND);
        report.add("load average before: " + loadAverage());
        report.addAll(run("bench-steady", EVENTS, RATE_PER_SECOND));
        report.add("load average after the steady run: " + loadAverage());
        report.addAll(run("bench-burst", EVENTS, 0));
        report.add("load average after the burst: " + loadAverage());
        report.forEach(System.out::println);
        Files.write(Path.of("target", "benchmark-notify.txt"), report);
    }

    /** @param ratePerSecond 0: as fast as the producer goes */
    private List<String> run(String app, int count, int ratePerSecond) {
        DeploySucceeded g = GoldenFixtures.<DeploySucceeded>envelope(EventType.DEPLOY_SUCCEEDED).data();
        String sha = GoldenFixtures.envelope(EventType.DEPLOY_SUCCEEDED).metadata().commitSha();
        Map<Long, Instant> occurredAt = new HashMap<>();
        // System.nanoTime of the Slack stand-in's arrivals, read as wall-clock time
        long anchorNanos = System.nanoTime();
        long anchorMillis = System.currentTimeMillis();
        long start = System.nanoTime();
        try (KafkaProducer<String, CloudEvent> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new CloudEventSerializer())) {
            for (int i = 1; i <= count; i++) {
                if (ratePerSecond > 0) {
                    long due = start + TimeUnit.SECONDS.toNanos(i - 1) / ratePerSecond;
                    LockSupport.parkNanos(due - System.nanoTime());
                }
                Envelope<DeploySucceeded> event = Envelope.first("deploy-service", sha, new DeploySucceeded(app,
                        ENVIRONMENT, i, g.url(), g.took(), g.checks()), Clock.tickMillis(ZoneOffset.UTC));
                occurredAt.put((long) i, event.metadata().time().toInstant());
                producer.send(new ProducerRecord<>(event.type().topic(), event.key(), EventCodec.toCloudEvent(event)));
            }
            producer.flush();
        }
        long published = System.nanoTime();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(() ->
                webhooks.requestsFor(app).size() >= count && slack.requestsFor(app).size() >= 2L * count);

        List<Long> webhookMillis = new ArrayList<>();
        for (WebhookReceiver.Request r : webhooks.requestsFor(app)) {
            Instant at = Instant.parse(r.payload().get("occurredAt").asText());
            webhookMillis.add(r.receivedAt() - at.toEpochMilli());
        }
        List<Long> slackMillis = new ArrayList<>();
        for (SlackReceiver.Request r : slack.requestsFor(app)) {
            Matcher m = VERSION.matcher(r.text());
            assertThat(m.find()).as("a version in %s", r.text()).isTrue();
            long arrived = anchorMillis + TimeUnit.NANOSECONDS.toMillis(r.receivedNanos() - anchorNanos);
            slackMillis.add(arrived - occurredAt.get(Long.parseLong(m.group(1))).toEpochMilli());
        }
        assertThat(webhooks.requestsFor(app)).hasSize(count);
        assertThat(slack.requestsFor(app)).hasSize(2 * count);
        String how = ratePerSecond > 0 ? ratePerSecond + " events/s" : "burst, published in "
                + TimeUnit.NANOSECONDS.toMillis(published - start) + " ms";
        return List.of(line(app + " (" + how + ") webhook", webhookMillis),
                line(app + " (" + how + ") slack", slackMillis));
    }

    private static String line(String what, List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        return String.format("%-60s n=%d p50=%d ms p90=%d ms p99=%d ms max=%d ms within 30 s: %d/%d", what,
                sorted.size(), percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99),
                sorted.get(sorted.size() - 1), sorted.stream().filter(m -> m <= 30_000).count(), sorted.size());
    }

    /** Nearest rank. */
    private static long percentile(List<Long> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /** 1, 5 and 15 minutes: other work on the machine shares its two cores with the broker, the database and the service. */
    private static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    private static String machine() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown CPU");
        return "machine: " + Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB max heap, Java "
                + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " "
                + System.getProperty("os.version");
    }
}
