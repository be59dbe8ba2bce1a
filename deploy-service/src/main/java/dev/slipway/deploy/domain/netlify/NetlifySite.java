package dev.slipway.deploy.domain.netlify;

import java.net.URI;
import java.util.Optional;

/**
 * The part of a site ({@code #/definitions/site}) a deploy needs.
 *
 * @param publishedDeployId the deploy the site serves, empty before the first publish
 */
public record NetlifySite(String id, String name, String url, String sslUrl, Optional<String> publishedDeployId) {

    /** Where the site is served: the HTTPS URL Netlify provisions a certificate for, else the plain one. */
    public Optional<URI> publicUrl() {
        String chosen = sslUrl != null && !sslUrl.isBlank() ? sslUrl : url;
        return chosen == null || chosen.isBlank() ? Optional.empty() : Optional.of(URI.create(chosen));
    }
}
