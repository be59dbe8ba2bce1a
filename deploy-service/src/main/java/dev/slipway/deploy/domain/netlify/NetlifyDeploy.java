package dev.slipway.deploy.domain.netlify;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * A deploy as Netlify describes it ({@code #/definitions/deploy}).
 *
 * @param required     the SHA-1 digests Netlify has not got yet and wants uploaded
 * @param errorMessage Netlify's reason when {@code state} is {@code error}, else null
 */
public record NetlifyDeploy(String id, String siteId, String state, List<String> required, String deployUrl,
                            String deploySslUrl, String errorMessage) {

    public NetlifyDeploy {
        required = required == null ? List.of() : List.copyOf(required);
    }

    public boolean isReady() {
        return "ready".equals(state);
    }

    public boolean isFailed() {
        return "error".equals(state);
    }

    /** The deploy's own URL (a draft's too): the HTTPS one when Netlify gives it, else the plain one. */
    public Optional<URI> url() {
        String url = deploySslUrl != null && !deploySslUrl.isBlank() ? deploySslUrl : deployUrl;
        return url == null || url.isBlank() ? Optional.empty() : Optional.of(URI.create(url));
    }
}
