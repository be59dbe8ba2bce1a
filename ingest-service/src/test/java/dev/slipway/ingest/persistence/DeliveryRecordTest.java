package dev.slipway.ingest.persistence;

import dev.slipway.ingest.domain.DeliveryOutcome;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database keeps one delivery holding a commit in an environment, even when two are recorded at the same moment
 * (FR-002: the push and the pull request of one commit build it once).
 */
@QuarkusTest
class DeliveryRecordTest {
    private static final String SHA = "6113728f27ae82c7b1a177c8d03f9e96e0adf246";

    private static DeliveryRecord holding(String repository, String environment, String commitSha) {
        DeliveryRecord row = new DeliveryRecord();
        row.deliveryId = UUID.randomUUID().toString();
        row.event = "push";
        row.repository = repository;
        row.receivedAt = OffsetDateTime.now();
        row.outcome = DeliveryOutcome.ACCEPTED;
        row.commitSha = commitSha;
        row.app = "shop";
        row.environment = environment;
        row.preview = true;
        row.holdsCommit = true;
        return row;
    }

    @Test
    @DisplayName("FR-002: a second holder of the commit waits for the first transaction and then is refused")
    void aConcurrentSecondHolderWaitsAndIsRefused() throws Exception {
        DeliveryRecord first = holding("Octo/Race", "preview-x", SHA);
        DeliveryRecord second = holding("octo/race", "preview-x", SHA);
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);

        CompletableFuture<Boolean> firstInsert = CompletableFuture.supplyAsync(() ->
                QuarkusTransaction.requiringNew().call(() -> {
                    boolean done = first.insertIfNew();
                    inserted.countDown();
                    assertThat(commit.await(30, TimeUnit.SECONDS)).isTrue();
                    return done;
                }));
        assertThat(inserted.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Boolean> secondInsert = CompletableFuture.supplyAsync(() ->
                QuarkusTransaction.requiringNew().call(second::insertIfNew));

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !secondInsert.isDone());
        commit.countDown();

        assertThat(firstInsert.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(secondInsert.get(30, TimeUnit.SECONDS)).as("names are case-insensitive").isFalse();
        assertThat(QuarkusTransaction.requiringNew().call(() -> DeliveryRecord.holderOf("OCTO/RACE", "preview-x", SHA)))
                .hasValueSatisfying(r -> assertThat(r.deliveryId).isEqualTo(first.deliveryId));
        assertThat(QuarkusTransaction.requiringNew().call(() -> DeliveryRecord.findByIdOptional(second.deliveryId)))
                .isEmpty();
    }

    @Test
    void anotherEnvironmentOrCommitOrAReleasedCommitIsHeldAgain() {
        DeliveryRecord first = holding("Octo/Release", "preview-x", SHA);
        String other = "1".repeat(40);
        assertThat(QuarkusTransaction.requiringNew().call(first::insertIfNew)).isTrue();

        assertThat(QuarkusTransaction.requiringNew().call(holding("Octo/Release", "preview-y", SHA)::insertIfNew)).isTrue();
        DeliveryRecord newer = holding("Octo/Release", "preview-x", other);
        assertThat(QuarkusTransaction.requiringNew().call(newer::insertIfNew)).isTrue();
        QuarkusTransaction.requiringNew().run(() -> DeliveryRecord.releaseOtherCommits("octo/release", "preview-x", other));
        assertThat(QuarkusTransaction.requiringNew().call(() -> DeliveryRecord.holderOf("Octo/Release", "preview-x", SHA)))
                .isEmpty();
        assertThat(QuarkusTransaction.requiringNew().call(holding("Octo/Release", "preview-x", SHA)::insertIfNew))
                .as("the commit is started again once it is no longer what runs").isTrue();

        QuarkusTransaction.requiringNew().run(() -> DeliveryRecord.releaseCommits("Octo/Release", "preview-x"));
        assertThat(QuarkusTransaction.requiringNew().call(() -> DeliveryRecord.holderOf("Octo/Release", "preview-x", other)))
                .isEmpty();
        assertThat(QuarkusTransaction.requiringNew().call(() -> DeliveryRecord.holderOf("Octo/Release", "preview-y", SHA)))
                .as("another environment keeps its commit").isPresent();
    }
}
