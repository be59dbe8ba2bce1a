package dev.slipway.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The golden JSON of every event type (structured-mode CloudEvents), shipped with this module so every
 * consumer's tests read the same bytes the producers are tested to write.
 */
public final class GoldenFixtures {

    private GoldenFixtures() {
    }

    public static byte[] bytes(EventType type) {
        String path = "fixtures/" + type.type() + ".json";
        try (InputStream in = GoldenFixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no golden fixture for " + type.type() + " at " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static <E extends PipelineEvent> Envelope<E> envelope(EventType type) {
        return (Envelope<E>) EventCodec.fromStructuredJson(bytes(type));
    }
}
