package dev.slipway.verify.domain;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One HTTP GET of a health-check URL, turned into an outcome a person can read. */
public final class HttpProbe {
    /** The most of an answer's body an outcome keeps (what the incident report shows as the check's output). */
    public static final int MAX_OUTPUT_CHARS = 2_000;
    /** Enough bytes for {@link #MAX_OUTPUT_CHARS} characters of UTF-8 (at most 4 bytes each); the rest is not read. */
    static final int MAX_OUTPUT_BYTES = MAX_OUTPUT_CHARS * 4;

    private final Duration timeout;
    private final HttpClient client;

    public HttpProbe(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        this.timeout = timeout;
        // Redirects are not followed: a check expects one exact status from the URL it names.
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * The whole answer (status and the start of its body) must come within the timeout.
     *
     * @throws InterruptedException when the thread is interrupted (shutdown); the attempt then did not happen
     */
    public ProbeOutcome get(String url, int expectedStatus) throws InterruptedException {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).GET().timeout(timeout).build();
        } catch (IllegalArgumentException e) {
            return ProbeOutcome.noAnswer("invalid URL: " + e.getMessage(), Duration.ZERO);
        }
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<byte[]>> answer =
                client.sendAsync(request, info -> new BodyPrefix(MAX_OUTPUT_BYTES));
        try {
            HttpResponse<byte[]> response = answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return ProbeOutcome.answered(response.statusCode(), expectedStatus, since(start), output(response.body()));
        } catch (TimeoutException e) {
            answer.cancel(true);
            return ProbeOutcome.noAnswer("timed out after " + seconds(timeout), since(start));
        } catch (InterruptedException e) {
            answer.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            return ProbeOutcome.noAnswer(failure(e.getCause(), request.uri()), since(start));
        }
    }

    private String failure(Throwable cause, URI uri) {
        if (cause instanceof HttpTimeoutException) {
            return "timed out after " + seconds(timeout);
        }
        if (cause instanceof ConnectException e) {
            return connectError(e, uri);
        }
        return "no answer: " + cause;
    }

    private static String connectError(ConnectException e, URI uri) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnresolvedAddressException) {
                return "unknown host " + uri.getHost();
            }
        }
        String message = e.getMessage();
        // The JDK client reports a refused connection with no message or "Connection refused".
        if (message == null || message.toLowerCase(Locale.ROOT).contains("refused")) {
            return "connection refused";
        }
        return "cannot connect: " + message;
    }

    /**
     * The start of a body as text: decoded as UTF-8 (malformed bytes replaced), at most {@link #MAX_OUTPUT_CHARS}
     * characters, never ending in half a surrogate pair.
     */
    static String output(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.length() <= MAX_OUTPUT_CHARS) {
            return text;
        }
        int end = MAX_OUTPUT_CHARS;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }

    /** Collects at most {@code limit} bytes of a body, then stops reading it (a health page may be large or endless). */
    private static final class BodyPrefix implements HttpResponse.BodySubscriber<byte[]> {
        private final int limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private Flow.Subscription subscription;

        BodyPrefix(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                int take = Math.min(buffer.remaining(), limit - bytes.size());
                byte[] chunk = new byte[take];
                buffer.get(chunk);
                bytes.write(chunk, 0, take);
            }
            if (bytes.size() >= limit) {
                subscription.cancel();
                body.complete(bytes.toByteArray());
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
            body.complete(bytes.toByteArray());
        }
    }
}
