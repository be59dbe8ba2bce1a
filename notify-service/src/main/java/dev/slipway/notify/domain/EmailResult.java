package dev.slipway.notify.domain;

import java.time.Duration;

/**
 * What handing one email to the SMTP server came to.
 *
 * @param accepted  true when the server took the message for every recipient
 * @param replyCode the SMTP reply code of a refusal (e.g. 550, 451); null when accepted or when no reply came
 * @param reply     the server's words: the message id it was accepted as, or the refusal's text
 * @param error     why no reply came (refused connection, timeout, TLS); null when one came
 */
public record EmailResult(boolean accepted, Integer replyCode, String reply, String error, Duration latency) {
    static final int REPLY_EXCERPT = 300;

    public static EmailResult accepted(String reply, Duration latency) {
        return new EmailResult(true, null, excerpt(reply), null, latency);
    }

    public static EmailResult refused(int replyCode, String reply, Duration latency) {
        return new EmailResult(false, replyCode, excerpt(reply), null, latency);
    }

    public static EmailResult noReply(String error, Duration latency) {
        return new EmailResult(false, null, null, excerpt(error), latency);
    }

    private static String excerpt(String text) {
        String t = text == null ? "" : text.strip();
        return t.length() > REPLY_EXCERPT ? t.substring(0, REPLY_EXCERPT) + "…" : t;
    }
}
