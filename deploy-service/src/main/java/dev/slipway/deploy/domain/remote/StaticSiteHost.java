package dev.slipway.deploy.domain.remote;

import dev.slipway.deploy.domain.DeployLog;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Where a release's static component is served from (Netlify): drafts, published one at a time. */
public interface StaticSiteHost {

    /**
     * Uploads {@code siteDir} (plus {@code extraFiles}, which win over files of the same path) as a draft that is
     * not served at the site's URL, and waits until the draft is ready at its own URL.
     *
     * @param variables the environment's variables, carried by this deploy alone (and restored with it)
     * @param branch    null for the site's production deploys; a branch name for a branch deploy (previews)
     */
    Draft draft(String site, String token, Path siteDir, Map<String, byte[]> extraFiles, Map<String, String> variables,
                String branch, String title, DeployLog log);

    /** Makes a ready draft (or an earlier deploy) the one served at the site's URL. */
    void publish(String site, String token, String deployId);

    /** The deploy served at the site's URL now, if any. */
    Optional<String> publishedDeployId(String site, String token);

    /** The site's own URL. */
    URI siteUrl(String site, String token);

    record Draft(String deployId, URI url) {
    }
}
