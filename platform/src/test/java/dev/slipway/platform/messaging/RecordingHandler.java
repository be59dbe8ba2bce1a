package dev.slipway.platform.messaging;

import dev.slipway.events.BuildStarted;
import dev.slipway.events.Envelope;
import dev.slipway.events.EventType;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Records BuildStarted events; fails for the app named "poison" so dead-lettering can be observed. */
@ApplicationScoped
public class RecordingHandler implements EventHandler {
    private final List<String> handledIds = new CopyOnWriteArrayList<>();
    private final AtomicInteger poisonAttempts = new AtomicInteger();

    // accessors, not fields: tests hold a client proxy, which does not delegate field reads
    List<String> handledIds() {
        return List.copyOf(handledIds);
    }

    int poisonAttempts() {
        return poisonAttempts.get();
    }

    @Override
    public Set<EventType> handles() {
        return Set.of(EventType.BUILD_STARTED);
    }

    @Override
    public void handle(Envelope<?> event) {
        BuildStarted started = (BuildStarted) event.data();
        if (started.app().equals("poison")) {
            poisonAttempts.incrementAndGet();
            throw new IllegalStateException("cannot handle poison");
        }
        handledIds.add(event.metadata().id());
    }
}
