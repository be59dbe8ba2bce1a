package dev.slipway.testsupport;

import dev.slipway.localinfra.KafkaBroker;
import dev.slipway.localinfra.LocalPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One real Kafka broker and one real PostgreSQL per test JVM, started on first use and stopped when the
 * JVM exits. Broker data lives in a temporary directory outside {@code target/}.
 */
public final class SharedInfrastructure {
    public static final String TEST_DATABASE = "slipway_test";

    private static KafkaBroker broker;
    private static LocalPostgres postgres;

    private SharedInfrastructure() {
    }

    public static synchronized KafkaBroker kafka() {
        if (broker == null) {
            try {
                Path dir = Files.createTempDirectory("slipway-test-kafka-");
                broker = KafkaBroker.start(dir, 0);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    broker.close();
                    deleteTree(dir);
                }, "test-kafka-shutdown"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return broker;
    }

    public static synchronized LocalPostgres postgres() {
        if (postgres == null) {
            postgres = LocalPostgres.findOrStart(null, 0);
            postgres.ensureDatabase(TEST_DATABASE);
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "test-postgres-shutdown"));
        }
        return postgres;
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
