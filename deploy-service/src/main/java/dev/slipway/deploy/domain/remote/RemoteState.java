package dev.slipway.deploy.domain.remote;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.deploy.domain.DeployException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a remote environment holds in its two slots and which of them is live, kept in deploy-service's data
 * directory ({@code {data-dir}/remote/{app}/{env}.json}) and written atomically: the targets have no notion of
 * slots themselves.
 *
 * @param live    blue, green, or null before the first switch
 * @param siteUrl the Netlify site's URL once known
 */
public record RemoteState(String live, String siteUrl, Map<String, Slot> slots) {
    static final String BLUE = "blue";
    static final String GREEN = "green";
    private static final ObjectMapper JSON = new ObjectMapper();

    public RemoteState {
        slots = slots == null ? Map.of() : Map.copyOf(slots);
    }

    /**
     * One slot's release.
     *
     * @param netlifyDeploy the draft deploy of its static component; null when the environment has none
     * @param draftUrl      that draft's own URL
     * @param space         the Space running its service; null when the environment has none
     * @param secretNames   the secrets Slipway set on that Space, so the next release there can remove the ones
     *                      the environment no longer has (the Hub cannot list them)
     */
    public record Slot(long version, String netlifyDeploy, String draftUrl, String space, String revision,
                       String spaceUrl, Set<String> secretNames) {
        public Slot {
            secretNames = secretNames == null ? Set.of() : Set.copyOf(secretNames);
        }
    }

    /** The other slot of an environment: where a new release goes while {@code slot} is live. */
    static String other(String slot) {
        return BLUE.equals(slot) ? GREEN : BLUE;
    }

    /** The slot whose draft is {@code deployId}, if any. */
    Optional<String> slotOfDeploy(String deployId) {
        return slots.entrySet().stream().filter(e -> deployId.equals(e.getValue().netlifyDeploy()))
                .map(Map.Entry::getKey).findFirst();
    }

    public Optional<Slot> liveSlot() {
        return Optional.ofNullable(live).map(slots::get);
    }

    public RemoteState withSlot(String name, Slot slot) {
        Map<String, Slot> next = new HashMap<>(slots);
        next.put(name, slot);
        return new RemoteState(live, siteUrl, next);
    }

    /** The slot emptied: what is put there next is not known to be there until it was checked. */
    public RemoteState withoutSlot(String name) {
        Map<String, Slot> next = new HashMap<>(slots);
        next.remove(name);
        return new RemoteState(live, siteUrl, next);
    }

    public RemoteState withLive(String name) {
        return new RemoteState(name, siteUrl, slots);
    }

    public RemoteState withSiteUrl(String url) {
        return new RemoteState(live, url, slots);
    }

    static RemoteState load(Path file) {
        if (!Files.exists(file)) {
            return new RemoteState(null, null, Map.of());
        }
        try {
            return JSON.readValue(file.toFile(), RemoteState.class);
        } catch (IOException e) {
            throw new DeployException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    void save(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Path next = Files.createTempFile(file.getParent(), ".state-", ".json");
            JSON.writeValue(next.toFile(), this);
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new DeployException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
