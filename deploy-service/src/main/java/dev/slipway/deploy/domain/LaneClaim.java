package dev.slipway.deploy.domain;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * What claiming a free environment lane does with the deployments queued in it: the newest is deployed and
 * every older one is superseded by it (latest wins), so a burst of commits deploys once, the last of them.
 *
 * @param next        the deployment to run
 * @param nextVersion its version, which the superseded ones name
 * @param superseded  the older queued deployments, oldest first; never deployed
 * @param <D>         a queued deployment
 */
public record LaneClaim<D>(D next, long nextVersion, List<D> superseded) {

    /** Empty when nothing is queued; {@code queued} is one environment's deployments, in any order. */
    public static <D> Optional<LaneClaim<D>> of(Collection<D> queued, ToLongFunction<D> version) {
        List<D> byVersion = queued.stream().sorted(Comparator.comparingLong(version)).toList();
        if (byVersion.isEmpty()) {
            return Optional.empty();
        }
        D newest = byVersion.get(byVersion.size() - 1);
        return Optional.of(new LaneClaim<>(newest, version.applyAsLong(newest),
                byVersion.subList(0, byVersion.size() - 1)));
    }

    /** The reason recorded on each superseded deployment. */
    public String supersededReason() {
        return "superseded by version " + nextVersion;
    }
}
