package dev.slipway.events;

/**
 * Where an environment's release goes when it is not the embedded {@code local} target: the static component
 * to a Netlify site, services to Hugging Face Docker Spaces. Only names: the API tokens are environment secrets
 * held by deploy-service, named here by {@code tokenSecret}.
 *
 * @param netlify     null when the environment has no Netlify site
 * @param huggingface null when the environment has no Spaces
 */
public record TargetSettings(Netlify netlify, HuggingFace huggingface) {

    /** @param site the Netlify site id (or its name) */
    public record Netlify(String site, String tokenSecret) {
    }

    /**
     * @param space the Spaces' common name, {@code owner/name}: the blue and green Spaces are
     *              {@code owner/name-blue} and {@code owner/name-green}
     */
    public record HuggingFace(String space, String tokenSecret) {
    }
}
