package dev.slipway.notify.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.events.DeployFailed;
import dev.slipway.events.DeployStarted;
import dev.slipway.events.DeploySucceeded;
import dev.slipway.events.DeployWaiting;
import dev.slipway.events.Envelope;
import dev.slipway.events.EventType;
import dev.slipway.events.GoldenFixtures;
import dev.slipway.events.HealthFailed;
import dev.slipway.notify.IncidentStory;
import dev.slipway.notify.domain.ChannelType;
import dev.slipway.notify.domain.DeliveryStatus;
import dev.slipway.notify.domain.EmailMessageId;
import dev.slipway.notify.domain.WebhookPayload;
import dev.slipway.notify.domain.WebhookSignature;
import dev.slipway.notify.messaging.WebhookReceiver.Answer;
import dev.slipway.notify.persistence.Delivery;
import dev.slipway.notify.persistence.DeliveryAttempt;
import dev.slipway.notify.persistence.Incident;
import dev.slipway.testsupport.EventProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.slipway.notify.messaging.ChannelStandIns.DEV;
import static dev.slipway.notify.messaging.ChannelStandIns.OPS;
import static dev.slipway.notify.messaging.ChannelStandIns.PRODUCTION_KEY;
import static dev.slipway.notify.messaging.ChannelStandIns.STAGING_KEY;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

/**
 * FR-007 (notifications on deployment success and failure to configured channels) and the routing rules: email
 * through a real SMTP server, signed webhooks to a team's receiver, each channel getting only its environments and
 * kinds, transient failures retried through the delivery queue and permanent ones failed at once.
 */
@QuarkusTest
@QuarkusTestResource(value = ChannelsResource.class, restrictToAnnotatedClass = true)
class ChannelDeliveryTest {
    private static final String SHA = GoldenFixtures.envelope(EventType.DEPLOY_SUCCEEDED).metadata().commitSha();
    private static final Set<String> SLACK = Set.of("slack");
    /** Event times travel with microseconds; milliseconds compare exactly. */
    private static final Clock NOW = Clock.tickMillis(ZoneOffset.UTC);
    static EventProbe events;

    @InjectChannelStandIns
    ChannelStandIns channels;

    @BeforeAll
    static void startProbe() {
        events = EventProbe.start();
    }

    @AfterAll
    static void stopProbe() {
        events.close();
    }

    @AfterEach
    void everyWebhookRequestWasSignedAndComplete() {
        assertThat(channels.webhooks().rejected()).isEmpty();
    }

    @Test
    void emailNamesAppEnvironmentVersionAndCommitAndHowLongTheDeployTook() {
        String app = "chan-mail";
        Envelope<DeployStarted> started = Envelope.first("deploy-service", SHA,
                new DeployStarted(app, "production", 12, "local"), NOW);
        Envelope<DeploySucceeded> live = Envelope.answering(started.metadata(), "deploy-service", new DeploySucceeded(app,
                "production", 12, "http://127.0.0.1:8088/chan-mail/production/", Duration.ofMillis(2500), List.of()),
                NOW);

        events.publish(started);
        events.publish(live);

        List<MailServer.Mail> mails = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> channels.mail().messagesFor(app), m -> m.size() == 4); // two messages, two recipients each
        MailServer.Mail liveMail = mails.stream().filter(m -> m.subject().contains("is live")).findFirst().orElseThrow();
        assertThat(liveMail.subject()).isEqualTo("[Slipway] chan-mail/production: version 12 is live (commit 9049f12)");
        assertThat(liveMail.to()).containsExactlyInAnyOrder(OPS, DEV);
        assertThat(liveMail.body()).startsWith("✅ chan-mail/production is live: version 12, commit 9049f12, took 2.5 s"
                        + " — http://127.0.0.1:8088/chan-mail/production/\n")
                .contains("\nApp: chan-mail\nEnvironment: production\nVersion: 12\nCommit: " + SHA + "\n");
        assertThat(mails).extracting(MailServer.Mail::subject)
                .contains("[Slipway] chan-mail/production: deploying version 12 (commit 9049f12)");
        assertThat(liveMail.messageId()).isEqualTo(messageId(live, "channel:ops-mail"))
                .isNotEqualTo(messageId(started, "channel:ops-mail"));

        List<Delivery> email = awaitSettled(app, d -> d.channelType == ChannelType.EMAIL, 2);
        assertThat(email).allSatisfy(d -> {
            assertThat(d.status).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(d.attempts).isEqualTo(1);
            assertThat(d.occurredAt).isIn(started.metadata().time(), live.metadata().time());
        });
        given().queryParam("app", app).get("/api/deliveries").then().statusCode(200)
                .body("findAll { it.channelType == 'EMAIL' }", hasSize(2))
                .body("findAll { it.channelType == 'EMAIL' }.channel",
                        everyItem(is("ops-mail (email to ops@slipway.test, dev@slipway.test)")))
                .body("findAll { it.channelType == 'EMAIL' }.attempts[0].response[0]",
                        is("accepted for ops@slipway.test, dev@slipway.test"));
    }

    @Test
    void webhookIsSignedWithItsChannelsKeyAndCarriesTheEvent() {
        String app = "chan-hook";
        Envelope<DeployFailed> failed = Envelope.first("deploy-service", SHA, new DeployFailed(app, "production", 12,
                "migration V7__orders.sql failed\nERROR: column \"total\" does not exist"), NOW);

        events.publish(failed);

        WebhookReceiver.Request request = await().atMost(Duration.ofSeconds(30))
                .until(() -> channels.webhooks().requestsFor(app), r -> r.size() == 1).get(0);
        assertThat(request.hook()).isEqualTo("prod-hook");
        assertThat(request.header("X-Slipway-Event")).isEqualTo("deploy-failed");
        String signature = request.header(WebhookSignature.HEADER);
        assertThat(WebhookReceiver.signatureMatches(PRODUCTION_KEY, request.body(), signature)).isTrue();
        assertThat(new WebhookSignature(PRODUCTION_KEY).verify(request.body(), signature)).isTrue();
        assertThat(new WebhookSignature(STAGING_KEY).verify(request.body(), signature)).isFalse();
        byte[] tampered = request.body().clone();
        tampered[tampered.length - 2] ^= 1;
        assertThat(new WebhookSignature(PRODUCTION_KEY).verify(tampered, signature)).isFalse();

        JsonNode payload = request.payload();
        assertThat(payload.get("deliveryId").asText()).isEqualTo(request.header("X-Slipway-Delivery"));
        assertThat(payload.get("schema").asText()).isEqualTo("slipway.notification.v1");
        assertThat(payload.get("kind").asText()).isEqualTo("deploy-failed");
        assertThat(payload.get("eventType").asText()).isEqualTo("dev.slipway.deploy.failed.v1");
        assertThat(payload.get("eventId").asText()).isEqualTo(failed.metadata().id());
        assertThat(payload.get("environment").asText()).isEqualTo("production");
        assertThat(payload.get("version").asLong()).isEqualTo(12);
        assertThat(payload.get("commitSha").asText()).isEqualTo(SHA);
        assertThat(payload.get("occurredAt").asText())
                .isEqualTo(DateTimeFormatter.ISO_INSTANT.format(failed.metadata().time().toInstant()));
        assertThat(payload.get("subject").asText()).isEqualTo("[Slipway] chan-hook/production: deploy of version 12"
                + " failed (commit 9049f12)");
        assertThat(payload.get("message").asText()).isEqualTo("❌ chan-hook/production: deploy of version 12 failed"
                + " — migration V7__orders.sql failed, commit 9049f12. The environment keeps serving its previous"
                + " release.\n```\nERROR: column \"total\" does not exist\n```");
        assertThat(payload.get("incidentId").isNull()).isTrue();

        awaitSettled(app, d -> d.channelType == ChannelType.WEBHOOK, 1);
        String answer = given().queryParam("app", app).get("/api/deliveries").then().statusCode(200)
                .body("find { it.channelType == 'WEBHOOK' }.channel", is("prod-hook (webhook http://127.0.0.1:"
                        + URI.create(channels.webhooks().url("prod-hook")).getPort() + "/…)"))
                .extract().asString();
        assertThat(answer).doesNotContain(PRODUCTION_KEY).doesNotContain(channels.webhooks().path("prod-hook"));
    }

    @Test
    void eachChannelGetsOnlyItsEnvironmentsAndKinds() {
        String app = "chan-routing";
        DeploySucceeded g = GoldenFixtures.<DeploySucceeded>envelope(EventType.DEPLOY_SUCCEEDED).data();
        HealthFailed h = GoldenFixtures.<HealthFailed>envelope(EventType.HEALTH_FAILED).data();
        Envelope<DeploySucceeded> stagingLive = Envelope.first("deploy-service", SHA,
                new DeploySucceeded(app, "staging", 3, g.url(), g.took(), g.checks()), NOW);
        Envelope<HealthFailed> stagingUnhealthy = Envelope.answering(stagingLive.metadata(), "verify-service",
                new HealthFailed(app, "staging", 3, h.observations()), NOW);
        Envelope<DeployWaiting> productionWaiting = Envelope.first("deploy-service", SHA,
                new DeployWaiting(app, "production", 4, "production requires staging"), NOW);

        events.publish(stagingLive);
        events.publish(stagingUnhealthy);
        events.publish(productionWaiting);

        await().atMost(Duration.ofSeconds(30)).until(() -> settled(app).size() == 8);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> deliveries(app).size() == 8);
        assertThat(channelsOf(app, stagingLive)).isEqualTo(Set.of("slack", "channel:staging-hook"));
        assertThat(channelsOf(app, stagingUnhealthy)).isEqualTo(SLACK);
        assertThat(channelsOf(app, productionWaiting)).isEqualTo(Set.of("slack", "channel:prod-hook"));
        assertThat(channels.webhooks().requestsFor(app)).extracting(WebhookReceiver.Request::hook)
                .containsExactlyInAnyOrder("staging-hook", "prod-hook");
        assertThat(channels.mail().messagesFor(app)).isEmpty();
    }

    @Test
    void rateLimitedWebhookWaitsForRetryAfterAndKeepsItsDeliveryId() {
        String app = "chan-429";
        channels.webhooks().script(app, Answer.rateLimited(1), Answer.ok());
        DeploySucceeded g = GoldenFixtures.<DeploySucceeded>envelope(EventType.DEPLOY_SUCCEEDED).data();

        events.publish(Envelope.first("deploy-service", SHA, new DeploySucceeded(app, "production", 12, g.url(),
                g.took(), g.checks()), NOW));

        Delivery delivery = awaitSettled(app, d -> d.channelId.equals("channel:prod-hook"), 1).get(0);
        assertThat(delivery.status).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(delivery.attempts).isEqualTo(2);
        List<DeliveryAttempt> attempts = attempts(delivery);
        assertThat(attempts).extracting(a -> a.httpStatus).containsExactly(429, 200);
        assertThat(Duration.between(attempts.get(0).attemptedAt, attempts.get(1).attemptedAt))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        List<WebhookReceiver.Request> requests = channels.webhooks().requestsFor(app);
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).receivedAt() - requests.get(0).receivedAt()).isGreaterThanOrEqualTo(1000);
        assertThat(requests).extracting(r -> r.header("X-Slipway-Delivery")).containsOnly(
                requests.get(0).payload().get("deliveryId").asText());
        assertThat(requests.get(0).body()).isEqualTo(requests.get(1).body());
    }

    @Test
    void webhookReceiverThatStallsAfterItsHeadersCostsOneAttemptOfTheTimeoutAndIsRetried() {
        String app = "chan-stall";
        channels.webhooks().script(app, Answer.stall(), Answer.ok());
        DeploySucceeded g = GoldenFixtures.<DeploySucceeded>envelope(EventType.DEPLOY_SUCCEEDED).data();

        events.publish(Envelope.first("deploy-service", SHA, new DeploySucceeded(app, "production", 12, g.url(),
                g.took(), g.checks()), NOW));

        Delivery delivery = awaitSettled(app, d -> d.channelId.equals("channel:prod-hook"), 1).get(0);
        assertThat(delivery.status).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(delivery.attempts).isEqualTo(2);
        List<DeliveryAttempt> attempts = attempts(delivery);
        assertThat(attempts.get(0).httpStatus).isNull();
        assertThat(attempts.get(0).error).isEqualTo("timed out after 5 s"); // %test.slipway.notify.timeout
        assertThat(attempts.get(0).latencyMs).isBetween(5_000L, 7_000L);
        assertThat(attempts.get(1).httpStatus).isEqualTo(200);
        assertThat(channels.webhooks().requestsFor(app)).hasSize(2)
                .extracting(r -> r.header("X-Slipway-Delivery")).containsOnly(WebhookPayload.deliveryId(delivery.eventId, delivery.channelId));
    }

    @Test
    void unknownMailboxFailsAtOnceWithTheServersReply() {
        String app = "chan-bounce";

        events.publish(Envelope.first("deploy-service", SHA, new DeployFailed(app, "bounce", 5, "target unreachable"),
                NOW));

        Delivery delivery = awaitSettled(app, d -> d.channelId.equals("channel:bounce-mail"), 1).get(0);
        assertThat(delivery.status).isEqualTo(DeliveryStatus.FAILED);
        assertThat(delivery.attempts).isEqualTo(1);
        assertThat(delivery.lastError).startsWith("SMTP server replied 550 5.1.1 <nobody@nowhere.slipway.test>:")
                .endsWith("(permanent)");
        assertThat(attempts(delivery)).singleElement().satisfies(a -> assertThat(a.responseExcerpt).contains("550"));
    }

    @Test
    void busyMailboxIsRetriedThroughTheQueueAndDelivered() {
        String app = "chan-busy";
        Envelope<DeployFailed> failed = Envelope.first("deploy-service", SHA, new DeployFailed(app, "busy", 5,
                "target unreachable"), NOW);

        events.publish(failed);

        Delivery delivery = awaitSettled(app, d -> d.channelId.equals("channel:busy-mail"), 1).get(0);
        assertThat(delivery.status).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(delivery.attempts).isEqualTo(2);
        assertThat(attempts(delivery).get(0).responseExcerpt).contains("451 4.2.1");
        assertThat(channels.mail().messagesFor(app)).singleElement().satisfies(m -> {
            assertThat(m.to()).containsExactly("ops@" + MailServer.BUSY_DOMAIN);
            assertThat(m.messageId()).isEqualTo(messageId(failed, "channel:busy-mail"));
        });
    }

    @Test
    void rollbackIsAnnouncedWithItsIncidentReportByEmailAndWebhook() {
        String app = "chan-incident";
        IncidentStory story = IncidentStory.manual(app);

        story.all().forEach(events::publish);

        Incident incident = await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(
                () -> Incident.<Incident>find("app", app).firstResultOptional()), i -> i.isPresent() && i.get().reportedAt
                != null).orElseThrow();
        List<MailServer.Mail> reports = await().atMost(Duration.ofSeconds(30)).until(() -> channels.mail()
                .messagesFor(app).stream().filter(m -> m.subject().contains("Incident")).toList(), m -> m.size() == 2);
        assertThat(reports.get(0).subject()).isEqualTo("[Slipway] Incident #" + incident.id
                + " chan-incident/production: rolled back v12 → v11");
        assertThat(reports.get(0).body()).startsWith("🚨 Incident #" + incident.id + " chan-incident/production: rolled"
                        + " back v12 → v11 (by alice)\nReason: checkout returns 500 since v12\n")
                .contains("\nVersion: 11\nCommit: " + IncidentStory.PREVIOUS_COMMIT + "\n")
                .contains("\nFull report: GET /api/incidents/" + incident.id + "\n");

        JsonNode hook = await().atMost(Duration.ofSeconds(30)).until(() -> channels.webhooks().requestsFor(app).stream()
                .map(WebhookReceiver.Request::payload).filter(p -> p.get("kind").asText().equals("rolled-back"))
                .findFirst(), java.util.Optional::isPresent).get();
        assertThat(hook.get("incidentId").asLong()).isEqualTo(incident.id);
        assertThat(hook.get("version").asLong()).isEqualTo(11);
        assertThat(hook.get("commitSha").asText()).isEqualTo(IncidentStory.PREVIOUS_COMMIT);
        assertThat(hook.get("eventId").asText()).isEqualTo(story.rolledBack.metadata().id());
        assertThat(hook.get("message").asText()).startsWith("🚨 Incident #" + incident.id);
    }

    private static List<Delivery> deliveries(String app) {
        return QuarkusTransaction.requiringNew().call(() -> Delivery.<Delivery>list("app", app));
    }

    private static List<Delivery> settled(String app) {
        return deliveries(app).stream().filter(d -> d.status.isTerminal()).toList();
    }

    private static List<Delivery> awaitSettled(String app, java.util.function.Predicate<Delivery> which, int count) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> deliveries(app).stream().filter(which).toList(),
                        list -> list.size() == count && list.stream().allMatch(d -> d.status.isTerminal()));
    }

    /** The channels an event went to; the two Slack channels of slack-webhook-urls count as one: "slack". */
    private static Set<String> channelsOf(String app, Envelope<?> event) {
        return deliveries(app).stream().filter(d -> d.eventId.equals(event.metadata().id()))
                .map(d -> d.channelType == ChannelType.SLACK ? "slack" : d.channelId).collect(Collectors.toSet());
    }

    private static String messageId(Envelope<?> event, String channelId) {
        return EmailMessageId.of(WebhookPayload.deliveryId(event.metadata().id(), channelId), "slipway@slipway.test");
    }

    private static List<DeliveryAttempt> attempts(Delivery delivery) {
        return QuarkusTransaction.requiringNew().call(() ->
                DeliveryAttempt.<DeliveryAttempt>list("deliveryId = ?1 order by attempt", delivery.id));
    }
}
