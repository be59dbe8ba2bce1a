package dev.slipway.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GoldenFixturesTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyTypeHasAFixtureThatRoundTripsByteForByteInMeaning(EventType type) throws Exception {
        Envelope<?> envelope = GoldenFixtures.envelope(type);

        assertThat(envelope.type()).isEqualTo(type);
        assertThat(envelope.metadata().subject()).isEqualTo(envelope.data().app() + "/" + envelope.data().environment());
        JsonNode golden = EventCodec.json().readTree(GoldenFixtures.bytes(type));
        JsonNode written = EventCodec.json().readTree(EventCodec.toStructuredJson(envelope));
        assertThat(written).isEqualTo(golden);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void typeStringsFollowTheNamingRule(EventType type) {
        assertThat(type.type()).matches("dev\\.slipway\\.[a-z]+\\.[a-z-]+\\.v1");
    }

    @Test
    void cloudEventCarriesCorrelationCausationAndCommit() {
        Envelope<?> envelope = GoldenFixtures.envelope(EventType.BUILD_SUCCEEDED);
        CloudEvent event = EventCodec.toCloudEvent(envelope);

        assertThat(event.getSpecVersion().toString()).isEqualTo("1.0");
        assertThat(event.getExtension(EventCodec.CORRELATION_ID)).isEqualTo(envelope.metadata().correlationId());
        assertThat(event.getExtension(EventCodec.CAUSATION_ID)).isEqualTo(envelope.metadata().causationId());
        assertThat(event.getExtension(EventCodec.COMMIT_SHA)).isEqualTo(envelope.metadata().commitSha());
        assertThat(event.getSubject()).isEqualTo("shop/production");
    }

    @Test
    void unknownTypeIsRejectedWithItsName() {
        String json = new String(GoldenFixtures.bytes(EventType.BUILD_STARTED), StandardCharsets.UTF_8)
                .replace("dev.slipway.build.started.v1", "dev.slipway.build.exploded.v1");
        assertThatThrownBy(() -> EventCodec.fromStructuredJson(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("dev.slipway.build.exploded.v1");
    }

    @Test
    void malformedDataIsRejectedNamingTheEvent() {
        String json = new String(GoldenFixtures.bytes(EventType.BUILD_STARTED), StandardCharsets.UTF_8)
                .replace("\"buildNumber\": 7", "\"buildNumber\": \"seven\"");
        assertThatThrownBy(() -> EventCodec.fromStructuredJson(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("malformed data");
    }
}
