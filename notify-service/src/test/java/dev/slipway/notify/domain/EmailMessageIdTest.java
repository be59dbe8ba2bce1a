package dev.slipway.notify.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** FR-007: email is at-least-once; every attempt of one delivery has the same Message-ID, so copies are one message. */
class EmailMessageIdTest {

    @Test
    void sameDeliverySameIdInTheSendersDomain() {
        String delivery = WebhookPayload.deliveryId("e-1", "channel:ops-mail");

        assertThat(EmailMessageId.of(delivery, "Slipway <slipway@example.com>"))
                .isEqualTo("<" + delivery + "@example.com>")
                .isEqualTo(EmailMessageId.of(WebhookPayload.deliveryId("e-1", "channel:ops-mail"), "slipway@example.com"))
                .isNotEqualTo(EmailMessageId.of(WebhookPayload.deliveryId("e-1", "channel:dev-mail"),
                        "slipway@example.com"))
                .isNotEqualTo(EmailMessageId.of(WebhookPayload.deliveryId("e-2", "channel:ops-mail"),
                        "slipway@example.com"));
    }

    @Test
    void aSenderWithoutADomainHasNone() {
        assertThat(EmailMessageId.domain("Slipway <slipway@mail.example.com> ")).contains("mail.example.com");
        assertThat(EmailMessageId.domain("slipway")).isEmpty();
        assertThatThrownBy(() -> EmailMessageId.of("d-1", "slipway"))
                .hasMessage("the sender 'slipway' has no domain to put in a Message-ID");
    }
}
