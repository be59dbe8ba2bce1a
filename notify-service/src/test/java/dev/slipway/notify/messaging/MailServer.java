package dev.slipway.notify.messaging;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real SMTP server in the test JVM (GreenMail) that answers recipients as mail servers do: an unknown mailbox gets
 * {@code 550 5.1.1} (permanent), a busy one {@code 451 4.2.1} the first time (transient, as greylisting does), every
 * other one is accepted and stored.
 */
public final class MailServer extends GreenMail {
    /** Mailboxes of this domain do not exist. */
    public static final String UNKNOWN_DOMAIN = "nowhere.slipway.test";
    /** Mailboxes of this domain are busy at the first try. */
    public static final String BUSY_DOMAIN = "busy.slipway.test";

    private final Set<String> refusedOnce = ConcurrentHashMap.newKeySet();

    public MailServer() {
        super(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    }

    public int port() {
        return getSmtp().getPort();
    }

    /** Messages received whose subject names {@code app}, as {@link Mail}s. */
    public List<Mail> messagesFor(String app) {
        return Arrays.stream(getReceivedMessages()).map(MailServer::read)
                .filter(m -> m.subject().contains(app + "/")).toList();
    }

    /**
     * One received message: its subject, its plain-text body, its recipients (one message per recipient) and its
     * {@code Message-ID} header.
     */
    public record Mail(String subject, String body, List<String> to, String messageId) {
    }

    private static Mail read(MimeMessage message) {
        try {
            return new Mail(message.getSubject(), String.valueOf(message.getContent()).replace("\r\n", "\n"),
                    Arrays.stream(message.getAllRecipients()).map(Object::toString).toList(), message.getMessageID());
        } catch (MessagingException e) {
            throw new IllegalStateException("unreadable message", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
        return super.createServices(config, new WithRecipientPolicy(managers));
    }

    private String checkRecipient(MailAddress address) {
        String host = address.getHost().toLowerCase();
        if (host.equals(UNKNOWN_DOMAIN)) {
            return "550 5.1.1 <" + address.getEmail() + ">: Recipient address rejected: User unknown";
        }
        if (host.equals(BUSY_DOMAIN) && refusedOnce.add(address.getEmail())) {
            return "451 4.2.1 <" + address.getEmail() + ">: Mailbox busy, try again later";
        }
        return null;
    }

    /** GreenMail's own managers, with an SMTP manager that applies the policy above and stores into the same store. */
    private final class WithRecipientPolicy extends Managers {
        private final Managers delegate;
        private final SmtpManager smtp;

        WithRecipientPolicy(Managers delegate) {
            this.delegate = delegate;
            this.smtp = new SmtpManager(delegate.getImapHostManager(), delegate.getUserManager()) {
                @Override
                public String checkRecipient(SmtpState state, MailAddress address) {
                    return MailServer.this.checkRecipient(address);
                }
            };
        }

        @Override
        public SmtpManager getSmtpManager() {
            return smtp;
        }

        @Override
        public UserManager getUserManager() {
            return delegate.getUserManager();
        }

        @Override
        public ImapHostManager getImapHostManager() {
            return delegate.getImapHostManager();
        }
    }
}
