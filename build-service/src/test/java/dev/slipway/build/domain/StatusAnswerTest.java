package dev.slipway.build.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Which of GitHub's answers to a commit status pass and are tried again, and which are final. */
class StatusAnswerTest {
    private static final Duration BACKOFF = Duration.ofSeconds(2);
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    private static StatusAnswer.Decision decide(StatusAnswer answer, int attempt) {
        return answer.decide(attempt, BACKOFF, NOW);
    }

    @Test
    void createdIsSent() {
        assertThat(decide(StatusAnswer.answered(201, "", null, null, null), 1)).isInstanceOf(StatusAnswer.Decision.Sent.class);
    }

    @Test
    void outagesAreTriedAgainWithADoublingBackoffAtMostThreeTimes() {
        StatusAnswer unavailable = StatusAnswer.answered(503, "Service Unavailable", null, null, null);
        assertThat(decide(unavailable, 1)).isEqualTo(new StatusAnswer.Decision.RetryAfter(Duration.ofSeconds(2),
                "GitHub answered 503: Service Unavailable"));
        assertThat(decide(unavailable, 2)).isEqualTo(new StatusAnswer.Decision.RetryAfter(Duration.ofSeconds(4),
                "GitHub answered 503: Service Unavailable"));
        assertThat(decide(unavailable, 3)).isEqualTo(new StatusAnswer.Decision.Failed(
                "GitHub answered 503: Service Unavailable (gave up after 3 attempts)"));
        assertThat(decide(StatusAnswer.noAnswer("no answer from https://api.github.com: java.net.ConnectException"), 1))
                .isInstanceOf(StatusAnswer.Decision.RetryAfter.class);
    }

    @Test
    void rateLimitsAreWaitedOutAsGitHubAsks() {
        StatusAnswer secondary = StatusAnswer.answered(429, "slow down", "30", null, null);
        assertThat(decide(secondary, 1)).isEqualTo(new StatusAnswer.Decision.RetryAfter(Duration.ofSeconds(30),
                "GitHub answered 429: slow down"));
        StatusAnswer primary = StatusAnswer.answered(403, "API rate limit exceeded", null, "0",
                Long.toString(NOW.plusSeconds(90).getEpochSecond()));
        assertThat(decide(primary, 1)).isEqualTo(new StatusAnswer.Decision.RetryAfter(Duration.ofSeconds(90),
                "GitHub answered 403: API rate limit exceeded"));
        StatusAnswer hourAway = StatusAnswer.answered(403, "API rate limit exceeded", null, "0",
                Long.toString(NOW.plusSeconds(3600).getEpochSecond()));
        assertThat(((StatusAnswer.Decision.RetryAfter) decide(hourAway, 1)).delay()).isEqualTo(StatusAnswer.LONGEST_WAIT);
    }

    @Test
    void refusalsAreFinalAndSayWhy() {
        assertThat(decide(StatusAnswer.answered(422, "Validation Failed; No commit found for SHA: abc", null, null, null), 1))
                .isEqualTo(new StatusAnswer.Decision.Failed("GitHub answered 422: Validation Failed; No commit found for SHA: abc"
                        + " (GitHub will not take this status)"));
        assertThat(decide(StatusAnswer.answered(404, "Not Found", null, null, null), 1))
                .isEqualTo(new StatusAnswer.Decision.Failed("GitHub answered 404: Not Found"
                        + " (no such repository or commit, or the token cannot see it)"));
        assertThat(decide(StatusAnswer.answered(403, "Resource not accessible by personal access token", null, "4999", null), 1))
                .isInstanceOf(StatusAnswer.Decision.Failed.class);
        assertThat(decide(StatusAnswer.answered(401, "Bad credentials", null, null, null), 1))
                .isInstanceOf(StatusAnswer.Decision.Failed.class);
    }
}
