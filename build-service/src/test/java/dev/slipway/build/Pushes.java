package dev.slipway.build;

import dev.slipway.events.Envelope;
import dev.slipway.events.EventMetadata;
import dev.slipway.events.EventType;
import dev.slipway.events.GoldenFixtures;
import dev.slipway.events.PullRequestRef;
import dev.slipway.events.PushReceived;
import dev.slipway.events.Topics;
import dev.slipway.testsupport.EventProbe;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** PushReceived events for the tests' real repositories, built on the golden fixture, and how their builds ended. */
final class Pushes {
    static final Duration BUILD = Duration.ofSeconds(90);

    private Pushes() {
    }

    /** A push of {@code sha} to main, for production. */
    static Envelope<PushReceived> toProduction(String app, GitRepo repo, String sha) {
        return push(app, repo, sha, "main", "production", false, null);
    }

    /** A commit of a pull request, built for the pull request's preview environment. */
    static Envelope<PushReceived> ofPullRequest(String app, GitRepo repo, String sha, PullRequestRef pullRequest) {
        return push(app, repo, sha, pullRequest.headBranch(), "preview-pr-" + pullRequest.number(), true, pullRequest);
    }

    static Envelope<PushReceived> push(String app, GitRepo repo, String sha, String branch, String environment,
                                       boolean preview, PullRequestRef pullRequest) {
        Envelope<PushReceived> golden = GoldenFixtures.envelope(EventType.PUSH_RECEIVED);
        String id = UUID.randomUUID().toString();
        PushReceived g = golden.data();
        return new Envelope<>(new EventMetadata(id, golden.metadata().source(), OffsetDateTime.now(), app + "/" + environment,
                id, null, sha), new PushReceived(app, environment, "acme/" + app, repo.cloneUrl(), branch,
                g.commitMessage(), g.pusher(), UUID.randomUUID().toString(), preview, pullRequest));
    }

    /** What build-service emitted about {@code app}, in order. */
    static List<Envelope<?>> buildEvents(EventProbe probe, String app) {
        return probe.forApp(app).stream().filter(e -> e.type().topic().equals(Topics.BUILD)).toList();
    }

    /** How the build answering {@code push} ended: its BuildSucceeded or BuildFailed. */
    static Envelope<?> end(EventProbe probe, Envelope<PushReceived> push) {
        return await().atMost(BUILD).pollInterval(Duration.ofMillis(50)).until(() -> buildEvents(probe, push.data().app()).stream()
                .filter(e -> e.type() == EventType.BUILD_SUCCEEDED || e.type() == EventType.BUILD_FAILED)
                .filter(e -> e.metadata().causationId().equals(push.metadata().id()))
                .findFirst().orElse(null), Objects::nonNull);
    }
}
