package dev.slipway.build.domain;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Which of GitHub's answers to a commit status pass and are tried again, when, and which are final (FR-002). */
class StatusAnswerTest {
    /** The default of slipway.build.github.backoff. */
    private static final Duration BACKOFF = Duration.ofSeconds(30);
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    private static StatusAnswer.Decision decide(StatusAnswer answer, int attempt) {
        return answer.decide(attempt, BACKOFF, NOW);
    }

    private static String resetIn(long seconds) {
        return Long.toString(NOW.plusSeconds(seconds).getEpochSecond());
    }

    @Test
    void createdIsSentAndHoldsNothingBack() {
        StatusAnswer.Decision sent = decide(StatusAnswer.answered(201, "", null, null, null), 1);
        assertThat(sent).isInstanceOf(StatusAnswer.Decision.Sent.class);
        assertThat(sent.pause()).isZero();
    }

    @Test
    @DisplayName("an outage is tried again after 30 s, then 60 s, at most three attempts; every wait holds back all statuses")
    void outagesAreTriedAgainWithADoublingBackoffAtMostThreeTimes() {
        StatusAnswer unavailable = StatusAnswer.answered(503, "Service Unavailable", null, null, null);
        assertThat(decide(unavailable, 1)).isEqualTo(new StatusAnswer.Decision.RetryAfter(Duration.ofSeconds(30),
                "GitHub answered 503: Service Unavailable"));
        assertThat(decide(unavailable, 2)).isEqualTo(new StatusAnswer.Decision.RetryAfter(Duration.ofSeconds(60),
                "GitHub answered 503: Service Unavailable"));
        assertThat(decide(unavailable, 1).pause()).isEqualTo(Duration.ofSeconds(30));
        // out of attempts, but GitHub is still down: the statuses after it wait too
        assertThat(decide(unavailable, 3)).isEqualTo(new StatusAnswer.Decision.Failed(
                "GitHub answered 503: Service Unavailable (gave up after 3 attempts)", Duration.ofSeconds(120)));
        StatusAnswer.Decision noAnswer = decide(StatusAnswer.noAnswer("no answer from https://api.github.com: java.net.ConnectException"), 1);
        assertThat(noAnswer).isInstanceOf(StatusAnswer.Decision.RetryAfter.class);
        assertThat(noAnswer.pause()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    @DisplayName("the primary rate limit is waited out until its reset, up to an hour")
    void thePrimaryRateLimitIsWaitedOutUntilItsReset() {
        StatusAnswer primary = StatusAnswer.answered(403, "API rate limit exceeded", null, "0", resetIn(90));
        assertThat(decide(primary, 1)).isEqualTo(new StatusAnswer.Decision.RetryAfter(Duration.ofSeconds(90),
                "GitHub answered 403: API rate limit exceeded"));
        StatusAnswer fiftyMinutes = StatusAnswer.answered(403, "API rate limit exceeded", null, "0", resetIn(3000));
        assertThat(decide(fiftyMinutes, 1).pause()).isEqualTo(Duration.ofSeconds(3000));
        StatusAnswer twoHours = StatusAnswer.answered(403, "API rate limit exceeded", null, "0", resetIn(7200));
        assertThat(((StatusAnswer.Decision.RetryAfter) decide(twoHours, 1)).delay()).isEqualTo(Duration.ofHours(1));
        // a reset that already passed: the backoff still spaces the attempts
        StatusAnswer past = StatusAnswer.answered(403, "API rate limit exceeded", null, "0", resetIn(-5));
        assertThat(((StatusAnswer.Decision.RetryAfter) decide(past, 1)).delay()).isEqualTo(BACKOFF);
    }

    @Test
    @DisplayName("GitHub's secondary rate limit (403 or 429 that says so, or with Retry-After) waits at least a minute")
    void secondaryRateLimitsWaitAtLeastAMinute() {
        StatusAnswer byMessage = StatusAnswer.answered(403, "You have exceeded a secondary rate limit. Please wait a few"
                + " minutes before you try again.", null, "4990", resetIn(3000));
        assertThat(decide(byMessage, 1)).isEqualTo(new StatusAnswer.Decision.RetryAfter(Duration.ofMinutes(1),
                "GitHub answered 403: You have exceeded a secondary rate limit. Please wait a few minutes before you try again."));
        StatusAnswer shortRetryAfter = StatusAnswer.answered(429, "slow down", "5", null, null);
        assertThat(((StatusAnswer.Decision.RetryAfter) decide(shortRetryAfter, 1)).delay()).isEqualTo(Duration.ofMinutes(1));
        StatusAnswer longRetryAfter = StatusAnswer.answered(403, "slow down", "300", null, null);
        assertThat(((StatusAnswer.Decision.RetryAfter) decide(longRetryAfter, 1)).delay()).isEqualTo(Duration.ofMinutes(5));
        StatusAnswer bare429 = StatusAnswer.answered(429, "", null, null, null);
        assertThat(((StatusAnswer.Decision.RetryAfter) decide(bare429, 1)).delay()).isEqualTo(Duration.ofMinutes(1));
        // the third attempt's backoff (60 s) is longer than the minute: the longer wait counts
        assertThat(((StatusAnswer.Decision.RetryAfter) decide(byMessage, 2)).delay()).isEqualTo(Duration.ofSeconds(60));
        StatusAnswer unreadable = StatusAnswer.answered(429, "slow down", "Wed, 21 Oct 2026 07:28:00 GMT", null, null);
        assertThat(((StatusAnswer.Decision.RetryAfter) decide(unreadable, 1)).delay()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void refusalsAreFinalSayWhyAndHoldNothingBack() {
        assertThat(decide(StatusAnswer.answered(422, "Validation Failed; No commit found for SHA: abc", null, null, null), 1))
                .isEqualTo(new StatusAnswer.Decision.Failed("GitHub answered 422: Validation Failed; No commit found for SHA: abc"
                        + " (GitHub will not take this status)", Duration.ZERO));
        assertThat(decide(StatusAnswer.answered(404, "Not Found", null, null, null), 1))
                .isEqualTo(new StatusAnswer.Decision.Failed("GitHub answered 404: Not Found"
                        + " (no such repository or commit, or the token cannot see it)", Duration.ZERO));
        assertThat(decide(StatusAnswer.answered(403, "Resource not accessible by personal access token", null, "4999", null), 1))
                .isInstanceOf(StatusAnswer.Decision.Failed.class);
        assertThat(decide(StatusAnswer.answered(401, "Bad credentials", null, null, null), 1))
                .isInstanceOf(StatusAnswer.Decision.Failed.class);
    }
}
