package dev.slipway.spec;

/**
 * Where an environment's releases go instead of the embedded {@code local} target: its static component to a
 * Netlify site, its services to Hugging Face Docker Spaces. Tokens are environment secrets, named here.
 *
 * @param netlify     null when the environment has no static component or does not use Netlify
 * @param huggingface null when the environment has no service or does not use Hugging Face
 */
public record TargetSpec(Netlify netlify, HuggingFace huggingface) {

    public static final String DEFAULT_NETLIFY_TOKEN = "NETLIFY_AUTH_TOKEN";
    public static final String DEFAULT_HUGGINGFACE_TOKEN = "HF_TOKEN";

    /** @param site the site's id (or name) */
    public record Netlify(String site, String tokenSecret) {
    }

    /** @param space {@code owner/name}; the environment's blue and green Spaces are {@code name-blue} and {@code name-green} */
    public record HuggingFace(String space, String tokenSecret) {
    }
}
