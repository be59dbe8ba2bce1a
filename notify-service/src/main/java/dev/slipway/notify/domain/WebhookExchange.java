package dev.slipway.notify.domain;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One POST to a receiver, over within its timeout whatever the receiver does. HttpClient's own request timeout
 * stops counting once the answer's headers arrive, so a receiver that sends headers and then stalls would hold a
 * worker for ever: here the timeout bounds the whole exchange, and the exchange is cancelled (its connection closed)
 * when it runs out. Only the start of the answer's body is read, as only an excerpt of it is ever kept.
 */
final class WebhookExchange {
    /** Enough UTF-8 bytes for {@link WebhookResponse#BODY_EXCERPT} characters, and one more to tell it was cut. */
    static final int BODY_BYTES = WebhookResponse.BODY_EXCERPT * 4 + 1;

    private WebhookExchange() {
    }

    /** @throws InterruptedException when the thread is interrupted (shutdown); the exchange is cancelled */
    static WebhookResponse post(HttpClient client, HttpRequest request, SecretUrl url, Duration timeout)
            throws InterruptedException {
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<String>> sent = client.sendAsync(request, info -> new BodyExcerpt(BODY_BYTES));
        try {
            HttpResponse<String> response = sent.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return WebhookResponse.answered(response.statusCode(), url.scrub(response.body()),
                    response.headers().firstValue("Retry-After"), since(start));
        } catch (TimeoutException e) {
            sent.cancel(true);
            return WebhookResponse.noAnswer("timed out after " + seconds(timeout), since(start));
        } catch (InterruptedException e) {
            sent.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof HttpTimeoutException) {
                return WebhookResponse.noAnswer("timed out after " + seconds(timeout), since(start));
            }
            if (cause instanceof ConnectException) {
                return WebhookResponse.noAnswer("cannot connect to " + url.masked()
                        + (cause.getMessage() == null ? "" : ": " + url.scrub(cause.getMessage())), since(start));
            }
            return WebhookResponse.noAnswer("no answer: " + url.scrub(cause.toString()), since(start));
        }
    }

    static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Keeps the first {@code limit} bytes of a body and stops reading there, so a huge or endless body costs nothing. */
    static final class BodyExcerpt implements HttpResponse.BodySubscriber<String> {
        private final int limit;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final CompletableFuture<String> body = new CompletableFuture<>();
        private Flow.Subscription subscription;

        BodyExcerpt(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<String> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                byte[] bytes = new byte[Math.min(buffer.remaining(), limit - kept.size())];
                buffer.get(bytes);
                kept.writeBytes(bytes);
            }
            if (kept.size() >= limit) {
                subscription.cancel();
                finish();
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable error) {
            body.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            finish();
        }

        private void finish() {
            body.complete(kept.toString(StandardCharsets.UTF_8));
        }
    }
}
