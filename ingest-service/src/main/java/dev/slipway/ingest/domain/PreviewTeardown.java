package dev.slipway.ingest.domain;

import java.util.Optional;

/**
 * What the deletion of a branch or the closing of a pull request means for its preview environment. No commit is
 * read for it (a deleted branch has none left), so what ingest itself recorded about the preview decides; only a
 * preview environment is ever torn down, never a declared one.
 */
public sealed interface PreviewTeardown {

    record TearDown(String app, String environment) implements PreviewTeardown {
    }

    record Ignore(String reason) implements PreviewTeardown {
    }

    /**
     * The newest delivery recorded for a preview environment.
     *
     * @param tornDown true when it was an earlier teardown, false when it was a push or pull request that deployed it
     */
    record LastPreview(String app, String environment, boolean tornDown) {
    }

    static PreviewTeardown ofDeletedBranch(String branch, Optional<LastPreview> last) {
        if (last.isEmpty()) {
            return new Ignore("branch '" + branch + "' had no preview environment; nothing to tear down");
        }
        if (last.get().tornDown()) {
            return new Ignore("preview environment " + last.get().environment() + " of branch '" + branch
                    + "' was already torn down");
        }
        return new TearDown(last.get().app(), last.get().environment());
    }

    static PreviewTeardown ofClosedPullRequest(int number, String environment, Optional<LastPreview> last) {
        if (last.isEmpty()) {
            return new Ignore("pull request #" + number + " had no preview environment (" + environment
                    + "); nothing to tear down");
        }
        if (last.get().tornDown()) {
            return new Ignore("preview environment " + environment + " of pull request #" + number
                    + " was already torn down");
        }
        return new TearDown(last.get().app(), environment);
    }
}
