package dev.slipway.deploy.domain;

import java.util.Collection;
import java.util.OptionalLong;
import java.util.function.LongPredicate;

/** What a rollback request comes to: a switch between two versions, or a refusal that switches nothing. */
public sealed interface RollbackDecision {

    record Switch(long fromVersion, long toVersion) implements RollbackDecision {
    }

    record Refuse(String reason) implements RollbackDecision {
    }

    /**
     * Only a release that once went live and whose directory is still there can be restored: it is switched
     * to as it ran, never rebuilt.
     *
     * @param requested     the version asked for; null for the newest one that went live before {@code live}
     * @param onlyIfLive    roll back only while this version is live; null for whatever is live
     * @param live          the version the environment serves now, if any
     * @param wentLive      every version of the environment that once went live (SUCCEEDED)
     * @param releaseExists whether a version's release directory still exists
     */
    static RollbackDecision of(Long requested, Long onlyIfLive, OptionalLong live, Collection<Long> wentLive,
                               LongPredicate releaseExists) {
        if (live.isEmpty()) {
            return new Refuse("nothing is live, so there is nothing to roll back from");
        }
        long from = live.getAsLong();
        if (onlyIfLive != null && onlyIfLive != from) {
            return new Refuse("version " + onlyIfLive + " is no longer live (version " + from + " is), so it is left as it is");
        }
        long to;
        if (requested == null) {
            OptionalLong previous = wentLive.stream().mapToLong(Long::longValue).filter(v -> v < from).max();
            if (previous.isEmpty()) {
                return new Refuse("no version went live before version " + from + ", nothing earlier to roll back to");
            }
            to = previous.getAsLong();
        } else {
            to = requested;
            if (to == from) {
                return new Refuse("version " + to + " is already live");
            }
            if (!wentLive.contains(to)) {
                return new Refuse("version " + to + " never went live");
            }
        }
        if (!releaseExists.test(to)) {
            return new Refuse("the release of version " + to + " is no longer kept");
        }
        return new Switch(from, to);
    }
}
