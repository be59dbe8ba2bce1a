package dev.slipway.deploy;

import dev.slipway.deploy.persistence.EnvironmentRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** FR-013: versions of one environment are 1, 2, 3... even when deployments are recorded concurrently. */
@QuarkusTest
class VersionAssignmentTest {
    static final int CONCURRENT = 8;

    @Inject
    EnvironmentRepository environments;

    @Test
    void concurrentDeploymentsOfANewEnvironmentTakeDistinctConsecutiveVersions() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT);
        try {
            List<Future<Long>> versions = new ArrayList<>();
            for (int i = 0; i < CONCURRENT; i++) {
                versions.add(pool.submit(() -> {
                    go.await();
                    return QuarkusTransaction.requiringNew().call(() -> environments
                            .lockOrCreate("deploy-versions", "production", OffsetDateTime.now()).takeNextVersion());
                }));
            }
            go.countDown();
            List<Long> taken = new ArrayList<>();
            for (Future<Long> version : versions) {
                taken.add(version.get(30, TimeUnit.SECONDS));
            }

            assertThat(taken).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, CONCURRENT).boxed().toList());
            assertThat(QuarkusTransaction.requiringNew().call(() ->
                    environments.find("deploy-versions", "staging").isPresent())).isFalse();
        } finally {
            pool.shutdownNow();
        }
    }
}
