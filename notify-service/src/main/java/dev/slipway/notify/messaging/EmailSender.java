package dev.slipway.notify.messaging;

import dev.slipway.notify.domain.EmailChannel;
import dev.slipway.notify.domain.EmailMessageId;
import dev.slipway.notify.domain.EmailResult;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.TimeoutException;
import io.vertx.ext.mail.SMTPException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/**
 * Hands an email channel's message to the SMTP server configured with {@code quarkus.mailer.*}: one message, plain
 * text, to every address of the channel. What the server replied decides the delivery ({@code DeliveryRules}).
 * <p>
 * Email is at-least-once: when the SMTP server accepts a message only after the timeout has run out, the attempt
 * counts as failed although the message arrives, and the retry sends it again. Every attempt carries the same
 * {@code Message-ID} ({@link EmailMessageId}), so the copies are recognisably one message.
 */
@ApplicationScoped
public class EmailSender {
    private final ReactiveMailer mailer;
    private final Optional<String> from;

    public EmailSender(ReactiveMailer mailer, @ConfigProperty(name = "quarkus.mailer.from") Optional<String> from) {
        this.mailer = mailer;
        this.from = from;
    }

    /** @throws IllegalStateException naming the property, when email channels are configured and no sender is */
    void checkConfigured() {
        if (from.isEmpty() || from.get().isBlank()) {
            throw new IllegalStateException("quarkus.mailer.from must be set when an email channel is configured,"
                    + " e.g. quarkus.mailer.from=Slipway <slipway@example.com>");
        }
        if (EmailMessageId.domain(from.get()).isEmpty()) {
            throw new IllegalStateException("quarkus.mailer.from must be an address with a domain, e.g."
                    + " quarkus.mailer.from=Slipway <slipway@example.com>, got '" + from.get() + "'");
        }
    }

    /** @param deliveryId the same on every attempt of this message to this channel: its Message-ID is made of it */
    public EmailResult send(EmailChannel channel, String deliveryId, String subject, String body, Duration timeout) {
        Mail mail = new Mail().setTo(channel.to()).setSubject(subject).setText(body)
                .addHeader("Message-ID", EmailMessageId.of(deliveryId, from.orElseThrow()));
        long start = System.nanoTime();
        try {
            mailer.send(mail).await().atMost(timeout);
            return EmailResult.accepted("accepted for " + String.join(", ", channel.to()), since(start));
        } catch (TimeoutException e) {
            return EmailResult.noReply("no reply within "
                    + BigDecimal.valueOf(timeout.toMillis(), 3).stripTrailingZeros().toPlainString() + " s", since(start));
        } catch (RuntimeException e) {
            Optional<SMTPException> refusal = smtpReply(e);
            if (refusal.isPresent()) {
                SMTPException reply = refusal.get();
                return EmailResult.refused(reply.getReplyCode(),
                        reply.getReplyMessage() == null ? reply.getMessage() : reply.getReplyMessage(), since(start));
            }
            return EmailResult.noReply("cannot hand it to the SMTP server: " + root(e), since(start));
        }
    }

    private static Optional<SMTPException> smtpReply(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SMTPException smtp) {
                return Optional.of(smtp);
            }
        }
        return Optional.empty();
    }

    private static String root(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
