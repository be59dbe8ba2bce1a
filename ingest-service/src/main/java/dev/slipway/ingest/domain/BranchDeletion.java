package dev.slipway.ingest.domain;

import java.util.Optional;

/**
 * What the deletion of a branch means. No commit is left to read slipway.yml from, so what ingest itself recorded
 * about the branch decides; only a preview environment is ever torn down, never a declared one.
 */
public sealed interface BranchDeletion {

    record TearDown(String app, String environment) implements BranchDeletion {
    }

    record Ignore(String reason) implements BranchDeletion {
    }

    /**
     * The newest preview delivery recorded for a branch.
     *
     * @param tornDown true when it was an earlier deletion that already tore the preview down, false when it was a
     *                 push that deployed it
     */
    record LastPreview(String app, String environment, boolean tornDown) {
    }

    static BranchDeletion of(String branch, Optional<LastPreview> last) {
        if (last.isEmpty()) {
            return new Ignore("branch '" + branch + "' had no preview environment; nothing to tear down");
        }
        if (last.get().tornDown()) {
            return new Ignore("preview environment " + last.get().environment() + " of branch '" + branch
                    + "' was already torn down");
        }
        return new TearDown(last.get().app(), last.get().environment());
    }
}
